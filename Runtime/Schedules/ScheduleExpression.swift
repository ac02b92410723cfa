#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// An EventBridge schedule: `rate(5 minutes)`, `cron(0 12 ? * MON-FRI *)`, or the Scheduler's
/// one-time `at(2025-03-01T12:00:00)`, with the instants it fires at.
public enum ScheduleExpression: Sendable, Equatable {
    /// Every `seconds`, counted from the start.
    case rate(seconds: Int)
    case cron(CronSchedule)
    /// Once, at this instant.
    case at(Date)

    /// Reads an expression as EventBridge does, refusing what EventBridge refuses.
    /// - Parameter timeZone: the zone of `cron` fields and `at` times (the Scheduler's
    ///   `ScheduleExpressionTimezone`); UTC when nil.
    public init(_ text: String, timeZone: String? = nil) throws(ScheduleError) {
        let blank: (Character) -> Bool = { $0.isWhitespace && !$0.isNewline }
        let trimmed = String(text.drop(while: blank).reversed().drop(while: blank).reversed())
        guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else {
            throw ScheduleError("\(text) is not rate(…), cron(…) or at(…)")
        }
        let kind = trimmed[..<open]
        let body = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        let zone: TimeZone
        if let timeZone {
            guard let named = TimeZone(identifier: timeZone) else { throw ScheduleError("unknown time zone \(timeZone)") }
            zone = named
        } else {
            // FoundationEssentials (what the functions link) knows no zone by name without ICU; GMT is built in.
            zone = .gmt
        }
        switch kind {
        case "rate": self = .rate(seconds: try Self.rate(body, expression: text))
        case "cron": self = .cron(try CronSchedule(body, timeZone: zone))
        case "at": self = .at(try Self.at(body, timeZone: zone, expression: text))
        default: throw ScheduleError("\(text) is not rate(…), cron(…) or at(…)")
        }
    }

    /// The first instant strictly after `date` at which the schedule fires; nil when it never
    /// fires again. A rate counts from `start`.
    public func nextFire(after date: Date, start: Date) -> Date? {
        switch self {
        case .rate(let seconds):
            let elapsed = date.timeIntervalSince(start)
            let periods = max(0, (elapsed / Double(seconds)).rounded(.down) + 1)
            return start.addingTimeInterval(periods * Double(seconds))
        case .cron(let cron): return cron.nextFire(after: date)
        case .at(let instant): return instant > date ? instant : nil
        }
    }

    private static func rate(_ body: String, expression: String) throws(ScheduleError) -> Int {
        let parts = body.split(separator: " ")
        guard parts.count == 2, let value = Int(parts[0]), value > 0 else {
            throw ScheduleError("\(expression): a rate is a positive whole number and a unit")
        }
        let units = ["minute": 60, "minutes": 60, "hour": 3600, "hours": 3600, "day": 86400, "days": 86400]
        let unit = String(parts[1])
        guard let seconds = units[unit] else { throw ScheduleError("\(expression): the unit is minute(s), hour(s) or day(s)") }
        guard (value == 1) == !unit.hasSuffix("s") else {
            throw ScheduleError("\(expression): the unit is singular for 1 and plural otherwise (rate(1 minute), rate(5 minutes))")
        }
        return value * seconds
    }

    private static func at(_ body: String, timeZone: TimeZone, expression: String) throws(ScheduleError) -> Date {
        let fields = body.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
        guard fields.count == 6, body.count == 19 else { throw ScheduleError("\(expression): at() takes yyyy-mm-ddThh:mm:ss") }
        guard let date = CronSchedule.instant(
            year: fields[0], month: fields[1], day: fields[2], hour: fields[3], minute: fields[4], second: fields[5], in: timeZone)
        else { throw ScheduleError("\(expression): \(body) is not a date") }
        return date
    }
}

/// A schedule expression EventBridge would refuse, and why.
public struct ScheduleError: Error, Sendable, CustomStringConvertible {
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { "invalid schedule: \(message)" }
}
