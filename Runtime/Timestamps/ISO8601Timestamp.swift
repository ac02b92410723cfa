#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
// `CivilTime` and `UTCTimestamp` live in UTCTime, which needs no Foundation (the Lambda runtime's
// log lines use it alone); re-exported so every caller of the timestamps finds them here too.
@_exported public import UTCTime

/// RFC 3339 timestamps, the profile of ISO 8601 that AWS writes and the Amazon States Language
/// demands: `2025-01-31T12:00:00Z`, with an optional fraction and `Z` or a `±hh:mm` offset.
///
/// The one parser and formatter for every caller: credential expirations from STS and the
/// container endpoint, a report's execution times, the state machine's `Wait.Timestamp`,
/// `Timestamp*` Choice operators and context object; the Lambda runtime's log lines are written by
/// the same `UTCTimestamp` code.
///
/// Parsing is exact about the profile (uppercase `T` and `Z`, fields in range, a day that exists,
/// digits after a `.`, an offset always) because `IsTimestamp` must reject what AWS rejects, and it
/// is hand-written over `CivilTime` instead of `ISO8601FormatStyle` so it is cheap enough to run in
/// every Choice rule and needs no calendar or time zone.
public enum ISO8601Timestamp {
    /// The instant `text` names, or nil when it is not an RFC 3339 timestamp.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19])
        else { return nil }
        // A leap second (`:60`) is valid RFC 3339; it lands on the next minute's first second.
        let civil = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard civil.isValidDate, hour < 24, minute < 60, second <= 60 else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start, let value = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
            else { return nil }
            fraction = value
        }
        guard let offset = zoneOffset(bytes[index...]) else { return nil }
        return Date(timeIntervalSince1970: Double(civil.secondsSinceEpoch - offset) + fraction)
    }

    /// `2024-05-01T12:00:00.123Z`: UTC with milliseconds, rounded down, the form Step Functions
    /// writes in the context object and Lambda in its log lines.
    ///
    /// The instant is first rounded to the microsecond, so an exact millisecond that `Double`
    /// holds a hair below (`1.001` is `1.000999…`) is not written as the one before.
    public static func format(_ date: Date) -> String {
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let totalMilliseconds = microseconds >= 0 ? microseconds / 1000 : (microseconds - 999) / 1000
        return UTCTimestamp.format(millisecondsSinceEpoch: totalMilliseconds)
    }

    /// Seconds east of UTC for `Z` or `±hh:mm`; nil for anything else, an empty zone included.
    private static func zoneOffset(_ zone: ArraySlice<UInt8>) -> Int? {
        let zone = Array(zone)
        if zone == [UInt8(ascii: "Z")] { return 0 }
        guard zone.count == 6, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"), zone[3] == UInt8(ascii: ":"),
            let hours = number(zone[1..<3]), let minutes = number(zone[4..<6]), hours < 24, minutes < 60
        else { return nil }
        let offset = hours * 3_600 + minutes * 60
        return zone[0] == UInt8(ascii: "+") ? offset : -offset
    }

    /// The decimal value of `digits`; nil if any byte is not `0`–`9` (signs and spaces included).
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
