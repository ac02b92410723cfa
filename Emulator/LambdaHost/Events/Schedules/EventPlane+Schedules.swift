public import Foundation

/// Scheduled rules: fired at their instants, or now on request.
extension EventPlane {
    /// Fires a rule now (or as of `time`): its targets get the scheduled event EventBridge sends
    /// (a Scheduler schedule's target its `Input`).
    public func fire(_ rule: EventRuleDefinition, at time: Date = Date(), dryRun: Bool = false) async -> [Delivery] {
        let event = EventEnvelope.scheduled(ruleARN: rule.arn(region: region, account: account), time: time, region: region, account: account)
        return await deliver(event, through: rule, dryRun: dryRun)
    }

    /// Fires every enabled scheduled rule at its instants on `clock`, until the task is cancelled.
    public func runSchedules(clock: ScheduleClock = ScheduleClock()) async {
        let runner = ScheduleRunner(rules: ScheduleRunner.schedules(of: wiring, report: log), clock: clock)
        await runner.run { rule, instant in _ = await self.fire(rule, at: instant) }
    }
}
