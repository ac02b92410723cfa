import Foundation
import Timestamps

/// How long a Wait state waits: exactly one of `Seconds`, `SecondsPath`, `Timestamp`,
/// `TimestampPath`.
enum WaitSpec: Sendable {
    case seconds(NumberSetting)
    case timestamp(Date)
    case timestampPath(JSONPath)

    init(reader: FieldReader) throws(DefinitionError) {
        let given = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].filter(reader.has)
        guard given.count == 1 else {
            throw reader.error(
                given.last ?? "Seconds", "a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath")
        }
        if let seconds = try NumberSetting(reader: reader, field: "Seconds", range: 0...99_999_999) {
            self = .seconds(seconds)
        } else if let text = try reader.string("Timestamp") {
            guard let date = ISO8601Timestamp.parse(text) else {
                throw reader.error("Timestamp", "'\(text)' is not an RFC 3339 timestamp such as 2024-01-31T12:00:00Z")
            }
            self = .timestamp(date)
        } else {
            guard let path = try reader.path("TimestampPath") else { throw reader.error("TimestampPath", "is required") }
            self = .timestampPath(path)
        }
    }
}
