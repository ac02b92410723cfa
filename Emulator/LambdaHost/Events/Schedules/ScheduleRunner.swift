import Foundation
import Schedules

/// Fires every enabled scheduled rule at its instants, until cancelled.
struct ScheduleRunner: Sendable {
    let rules: [(rule: EventRuleDefinition, schedule: ScheduleExpression)]
    let clock: ScheduleClock

    /// The rules with a schedule, read; a schedule EventBridge would refuse is reported and skipped.
    static func schedules(of wiring: EventWiring, report: (String) -> Void) -> [(rule: EventRuleDefinition, schedule: ScheduleExpression)] {
        var schedules: [(rule: EventRuleDefinition, schedule: ScheduleExpression)] = []
        for rule in wiring.rules where rule.enabled {
            guard let text = rule.schedule else { continue }
            do {
                schedules.append((rule, try ScheduleExpression(text, timeZone: rule.scheduleTimeZone)))
            } catch {
                report("rule \(rule.name): \(error); it does not fire")
            }
        }
        return schedules
    }

    /// Calls `fire` with each rule at each instant it is due from now on; rules run side by side.
    /// Rates count from the clock's start.
    func run(fire: @escaping @Sendable (EventRuleDefinition, Date) async -> Void) async {
        let start = clock.start
        let now = clock.now
        await withTaskGroup(of: Void.self) { group in
            for (rule, schedule) in rules {
                group.addTask {
                    var last = now
                    while let next = schedule.nextFire(after: last, start: start) {
                        do {
                            try await clock.sleep(until: next)
                        } catch {
                            return
                        }
                        await fire(rule, next)
                        last = next
                    }
                }
            }
        }
    }
}
