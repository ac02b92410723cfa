#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import Timestamps

/// A signing instant in the two forms SigV4 uses: `20150830T123600Z` (for `X-Amz-Date` and the
/// string to sign) and `20150830` (for the credential scope and key derivation).
///
/// Signing never reads the clock; callers pass the instant in, so signatures are reproducible in
/// tests and a retried request can be re-signed deliberately. Fractional seconds are dropped
/// because SigV4 timestamps have one-second resolution.
public struct AmzDate: Sendable, Hashable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int
    /// ISO 8601 basic format in UTC, e.g. `20150830T123600Z`.
    public let timestamp: String

    /// Captures `date`, truncated to the second.
    public init(_ date: Date) {
        self.init(secondsSinceEpoch: Int(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Parses an `X-Amz-Date` value such as `20150830T123600Z`; `nil` if malformed or impossible.
    public init?(timestamp: String) {
        let bytes = Array(timestamp.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        let civil = CivilTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard civil.isValidDate, hour < 24, minute < 60, second < 60 else { return nil }
        self.init(secondsSinceEpoch: civil.secondsSinceEpoch)
    }

    private init(secondsSinceEpoch: Int) {
        self.secondsSinceEpoch = secondsSinceEpoch
        let civil = CivilTime(secondsSinceEpoch: secondsSinceEpoch)
        timestamp = Self.pad(civil.year, 4) + Self.pad(civil.month, 2) + Self.pad(civil.day, 2)
            + "T" + Self.pad(civil.hour, 2) + Self.pad(civil.minute, 2) + Self.pad(civil.second, 2)
            + "Z"
    }

    /// The `YYYYMMDD` day used in the credential scope and the first HMAC of the key derivation.
    public var dateStamp: String { String(timestamp.prefix(8)) }

    /// The instant as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(secondsSinceEpoch)) }

    public var description: String { timestamp }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.utf8.count)) + digits
    }
}
