public import EventPatterns

/// An EventBridge rule (or a Scheduler schedule): what it matches or when it fires, and where
/// the event goes.
public struct EventRuleDefinition: Sendable {
    /// The rule's name: its `Name` property, else the logical id CloudFormation or SAM gives it.
    public let name: String
    /// The resource it comes from: a rule's logical id, or `Function` for a SAM event.
    public let logicalID: String
    /// The bus it listens on.
    public let bus: String
    /// What events it matches; nil for a schedule.
    public let pattern: EventPattern?
    /// `rate(…)`, `cron(…)` or `at(…)`; nil for a pattern rule.
    public let schedule: String?
    /// The time zone of a Scheduler schedule's `cron` and `at` expressions (UTC when nil).
    public let scheduleTimeZone: String?
    /// Whether it delivers (`State: ENABLED`).
    public let enabled: Bool
    /// Whether it is an EventBridge Scheduler schedule, which delivers its target's `Input` rather
    /// than the scheduled event.
    public let isSchedulerSchedule: Bool
    public let targets: [RuleTarget]

    /// The rule's ARN, as targets see it in `<aws.events.rule-arn>`.
    public func arn(region: String, account: String) -> String {
        if isSchedulerSchedule { return "arn:aws:scheduler:\(region):\(account):schedule/default/\(name)" }
        let busPart = bus == EventWiring.defaultBus ? "" : "\(bus)/"
        return "arn:aws:events:\(region):\(account):rule/\(busPart)\(name)"
    }
}
