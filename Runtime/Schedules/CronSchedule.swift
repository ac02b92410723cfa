#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import Timestamps

/// EventBridge's six-field cron: minutes, hours, day of month, month, day of week, year.
///
/// Fields take `*`, values, ranges `a-b`, steps `*/n` and `a/n`, and lists; months `JAN`–`DEC`
/// and days `SUN`–`SAT` (SUN is 1). One of the day fields must be `?`. The day of month also
/// takes `L` (the last day), `LW` (the last weekday) and `nW` (the weekday nearest day n, within
/// the month); the day of week `nL` (the last such day of the month) and `n#k` (the k-th such day).
public struct CronSchedule: Sendable, Equatable {
    let minutes: Set<Int>
    let hours: Set<Int>
    let months: Set<Int>
    let years: Set<Int>
    let days: DayRule
    let timeZone: TimeZone

    /// Which days of a month are wanted.
    enum DayRule: Sendable, Equatable {
        case monthDays(Set<Int>, last: Bool, lastWeekday: Bool, nearestWeekday: Set<Int>)
        case weekDays(Set<Int>, lastOfMonth: Set<Int>, nth: Set<[Int]>)
    }

    init(_ text: String, timeZone: TimeZone) throws(ScheduleError) {
        let fields = text.split(separator: " ").map(String.init)
        guard fields.count == 6 else { throw ScheduleError("cron(\(text)) needs six fields: minutes hours day-of-month month day-of-week year") }
        self.timeZone = timeZone
        minutes = try Self.values(fields[0], range: 0...59, name: "minutes")
        hours = try Self.values(fields[1], range: 0...23, name: "hours")
        months = try Self.values(fields[3], range: 1...12, name: "month", names: Self.monthNames)
        years = try Self.values(fields[5], range: 1970...2199, name: "year")
        switch (fields[2] == "?", fields[4] == "?") {
        case (false, true): days = try Self.monthDays(fields[2])
        case (true, false): days = try Self.weekDays(fields[4])
        default: throw ScheduleError("cron(\(text)): one of day-of-month and day-of-week must be ?, and only one")
        }
    }

    static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// The first whole minute strictly after `date` that the schedule names, within ten years.
    public func nextFire(after date: Date) -> Date? {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = CivilTime(secondsSinceEpoch: Int(date.timeIntervalSince1970.rounded(.down)) + offset)
        var day = CivilTime(year: local.year, month: local.month, day: local.day, hour: 0, minute: 0, second: 0).secondsSinceEpoch / 86_400
        for _ in 0..<(366 * 10) {
            defer { day += 1 }
            let civil = CivilTime(secondsSinceEpoch: day * 86_400)
            guard years.contains(civil.year), months.contains(civil.month), dayMatches(civil, epochDay: day) else { continue }
            for hour in hours.sorted() {
                for minute in minutes.sorted() {
                    guard let instant = Self.instant(
                        year: civil.year, month: civil.month, day: civil.day, hour: hour, minute: minute, second: 0, in: timeZone)
                    else { continue }
                    if instant > date { return instant }
                }
            }
        }
        return nil
    }

    /// The instant of a civil time in a zone; nil for a date that does not exist.
    static func instant(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, in zone: TimeZone) -> Date? {
        let civil = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard civil.isValidDate, (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        let local = civil.secondsSinceEpoch
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - guess)))
        return Date(timeIntervalSince1970: Double(local - offset))
    }

    private func dayMatches(_ civil: CivilTime, epochDay: Int) -> Bool {
        let length = Self.monthLength(year: civil.year, month: civil.month)
        let weekday = Self.weekday(epochDay: epochDay)
        switch days {
        case .monthDays(let set, let last, let lastWeekday, let nearest):
            if set.contains(civil.day) || (last && civil.day == length) { return true }
            if lastWeekday, civil.day == Self.nearestWeekday(to: length, year: civil.year, month: civil.month, length: length) { return true }
            return nearest.contains { civil.day == Self.nearestWeekday(to: $0, year: civil.year, month: civil.month, length: length) }
        case .weekDays(let set, let lastOfMonth, let nth):
            if set.contains(weekday) { return true }
            if lastOfMonth.contains(weekday), civil.day + 7 > length { return true }
            return nth.contains([weekday, (civil.day - 1) / 7 + 1])
        }
    }

    /// SUN is 1, SAT is 7; 1970-01-01 was a Thursday.
    static func weekday(epochDay: Int) -> Int {
        ((epochDay % 7 + 7) % 7 + 4) % 7 + 1
    }

    static func monthLength(year: Int, month: Int) -> Int {
        (28...31).last { CivilTime(year: year, month: month, day: $0, hour: 0, minute: 0, second: 0).isValidDate } ?? 28
    }

    /// The weekday nearest day `target` of the month, never leaving the month (`W`).
    static func nearestWeekday(to target: Int, year: Int, month: Int, length: Int) -> Int? {
        guard target <= length else { return nil }
        let epochDay = CivilTime(year: year, month: month, day: target, hour: 0, minute: 0, second: 0).secondsSinceEpoch / 86_400
        switch weekday(epochDay: epochDay) {
        case 7: return target == 1 ? 3 : target - 1
        case 1: return target == length ? target - 2 : target + 1
        default: return target
        }
    }
}
