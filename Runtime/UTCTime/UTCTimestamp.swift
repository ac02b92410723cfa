#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The wall clock and the UTC timestamp with milliseconds (`2024-05-01T12:00:00.123Z`), on the
/// standard library and the C library alone: what a log line and a Lambda context need, so the
/// runtime loop carries no Foundation. `ISO8601Timestamp` writes `Date`s through the same code.
public enum UTCTimestamp {
    /// Now, in milliseconds since the Unix epoch, rounded down.
    public static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// `2024-05-01T12:00:00.123Z` for an instant in milliseconds since the Unix epoch (before 1970
    /// too: the milliseconds are those after the whole second before the instant).
    public static func format(millisecondsSinceEpoch totalMilliseconds: Int64) -> String {
        let milliseconds = Int((totalMilliseconds % 1000 + 1000) % 1000)
        let civil = CivilTime(secondsSinceEpoch: Int((totalMilliseconds - Int64(milliseconds)) / 1000))
        return pad(civil.year, 4) + "-" + pad(civil.month, 2) + "-" + pad(civil.day, 2) + "T" + pad(civil.hour, 2) + ":"
            + pad(civil.minute, 2) + ":" + pad(civil.second, 2) + "." + pad(milliseconds, 3) + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.utf8.count)) + digits
    }
}
