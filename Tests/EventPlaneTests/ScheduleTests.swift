import Foundation
@testable import LambdaHost
@testable import Schedules
import StateMachine
import Testing

/// rate(), cron() with EventBridge's six fields and its ? L W #, and at(): the instants they name.
@Suite("Schedules")
struct ScheduleTests {
    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static func next(_ expression: String, after: String, zone: String? = nil) throws -> String? {
        let schedule = try ScheduleExpression(expression, timeZone: zone)
        return schedule.nextFire(after: date(after), start: date(after)).map { ISO8601DateFormatter().string(from: $0) }
    }

    @Test("cron instants", arguments: [
        ("cron(0 12 * * ? *)", "2025-03-01T12:00:00Z", "2025-03-02T12:00:00Z"),
        ("cron(0/15 * * * ? *)", "2025-03-01T10:07:00Z", "2025-03-01T10:15:00Z"),
        ("cron(5,35 14 * * ? *)", "2025-03-01T14:10:00Z", "2025-03-01T14:35:00Z"),
        ("cron(0 8 ? * MON-FRI *)", "2025-03-01T09:00:00Z", "2025-03-03T08:00:00Z"),
        ("cron(0 0 L * ? *)", "2024-02-10T00:00:00Z", "2024-02-29T00:00:00Z"),
        ("cron(0 9 15W * ? *)", "2025-03-01T00:00:00Z", "2025-03-14T09:00:00Z"),
        ("cron(0 9 1W * ? *)", "2025-01-31T10:00:00Z", "2025-02-03T09:00:00Z"),
        ("cron(0 18 LW * ? *)", "2025-08-01T00:00:00Z", "2025-08-29T18:00:00Z"),
        ("cron(0 10 ? * 6L *)", "2025-03-01T00:00:00Z", "2025-03-28T10:00:00Z"),
        ("cron(0 10 ? * 3#2 *)", "2025-03-01T00:00:00Z", "2025-03-11T10:00:00Z"),
        ("cron(0 10 ? * L *)", "2025-03-03T00:00:00Z", "2025-03-08T10:00:00Z"),
        ("cron(30 2 1 JAN ? 2030)", "2025-03-01T00:00:00Z", "2030-01-01T02:30:00Z"),
        ("cron(0 0 1 1 ? 2020)", "2025-03-01T00:00:00Z", nil),
    ] as [(String, String, String?)])
    func cron(expression: String, after: String, expected: String?) throws {
        #expect(try Self.next(expression, after: after) == expected)
    }

    @Test("a Scheduler time zone shifts cron and at")
    func timeZone() throws {
        #expect(try Self.next("cron(0 9 * * ? *)", after: "2025-03-01T00:00:00Z", zone: "America/New_York") == "2025-03-01T14:00:00Z")
        #expect(try Self.next("cron(0 9 * * ? *)", after: "2025-07-01T00:00:00Z", zone: "America/New_York") == "2025-07-01T13:00:00Z")
        #expect(try Self.next("at(2025-03-01T12:00:00)", after: "2025-03-01T00:00:00Z", zone: "Europe/Paris") == "2025-03-01T11:00:00Z")
    }

    @Test("rate counts from the start; at fires once")
    func rateAndAt() throws {
        let start = Self.date("2025-03-01T12:00:00Z")
        let rate = try ScheduleExpression("rate(5 minutes)")
        #expect(rate.nextFire(after: start, start: start) == start.addingTimeInterval(300))
        #expect(rate.nextFire(after: start.addingTimeInterval(299), start: start) == start.addingTimeInterval(300))
        #expect(rate.nextFire(after: start.addingTimeInterval(300), start: start) == start.addingTimeInterval(600))
        #expect(try ScheduleExpression("rate(1 day)") == .rate(seconds: 86_400))
        let once = try ScheduleExpression("at(2025-03-01T12:30:00)")
        #expect(once.nextFire(after: start, start: start) == start.addingTimeInterval(1800))
        #expect(once.nextFire(after: start.addingTimeInterval(1800), start: start) == nil)
    }

    @Test("expressions EventBridge refuses", arguments: [
        "rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(5 seconds)", "cron(0 12 * * * *)", "cron(0 12 ? * ? *)",
        "cron(0 12 * *)", "cron(60 * * * ? *)", "cron(0 25 * * ? *)", "cron(0 0 ? * 2#6 *)", "at(2025-02-30T00:00:00)", "every day",
    ])
    func refusals(expression: String) {
        #expect(throws: ScheduleError.self) { try ScheduleExpression(expression) }
    }

    @Test("on a scaled clock a rate(1 minute) rule fires at each minute, each event naming its instant")
    func scaledClock() async throws {
        let start = Self.date("2025-03-01T12:00:00Z")
        let rule = EventRuleDefinition(
            name: "EveryMinute", logicalID: "EveryMinute", bus: "default", pattern: nil, schedule: "rate(1 minute)", scheduleTimeZone: nil,
            enabled: true, isSchedulerSchedule: false, targets: [])
        let runner = ScheduleRunner(rules: [(rule, try ScheduleExpression("rate(1 minute)"))], clock: ScheduleClock(start: start, scale: 240))
        let fired = LineStore()
        let running = Task { await runner.run { _, instant in fired.append(String(instant.timeIntervalSince(start))) } }
        #expect(try await eventually(within: 60) { fired.all.count >= 3 })
        running.cancel()
        await running.value
        // Whole minutes after the start, one after another, however late the runner began.
        let minutes = fired.all.compactMap(Double.init).map { $0 / 60 }
        #expect(minutes.allSatisfy { $0 == $0.rounded() && $0 >= 1 })
        #expect(zip(minutes, minutes.dropFirst()).allSatisfy { $1 == $0 + 1 })
    }
}
