/// A UTC calendar date and time of day, converted to and from seconds since the Unix epoch.
///
/// SigV4, RFC 3339 timestamps and log lines only ever need UTC in the proleptic Gregorian
/// calendar, so this uses Howard Hinnant's `days_from_civil` / `civil_from_days` integer
/// algorithms instead of `Calendar` and time zones: exact, allocation-free, and identical on
/// every platform.
public struct CivilTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    private static let secondsPerDay = 86_400

    /// Splits seconds since 1970-01-01T00:00:00Z into UTC fields.
    public init(secondsSinceEpoch: Int) {
        let (days, secondOfDay) = Self.floorDivide(secondsSinceEpoch, Self.secondsPerDay)
        let shifted = days + 719_468
        let era = Self.floorDivide(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        second = secondOfDay % 60
    }

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }

    /// Seconds since the epoch for these fields (the inverse of `init(secondsSinceEpoch:)`).
    public var secondsSinceEpoch: Int {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = Self.floorDivide(adjustedYear, 400).quotient
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * Self.secondsPerDay + hour * 3_600 + minute * 60 + second
    }

    /// Whether `day` exists in `month` of `year` (used to reject timestamps like Feb 30).
    public var isValidDate: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// Division rounding toward negative infinity, so instants before 1970 split correctly.
    private static func floorDivide(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = value % divisor
        return remainder < 0
            ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }
}
