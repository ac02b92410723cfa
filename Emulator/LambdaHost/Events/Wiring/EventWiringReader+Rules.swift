import EventPatterns
import StateMachine

/// `AWS::Events::Rule` and `AWS::Scheduler::Schedule`.
extension EventWiringReader {
    /// Target properties that only matter for target types not delivered locally.
    static let unrunTargetProperties = [
        "EcsParameters", "HttpParameters", "KinesisParameters", "RunCommandParameters", "BatchParameters",
        "SageMakerPipelineParameters", "RedshiftDataParameters", "AppSyncParameters",
    ]

    mutating func readRule(_ logicalID: String, _ properties: JSONValue) {
        var targets: [RuleTarget] = []
        for (index, target) in (properties["Targets"]?.arrayValue ?? []).enumerated() {
            if let read = readTarget(target, rule: logicalID, position: index) { targets.append(read) }
        }
        let state = properties["State"]?.stringValue ?? "ENABLED"
        addRule(
            name: properties["Name"]?.stringValue ?? logicalID, logicalID: logicalID, bus: busName(properties["EventBusName"]?.stringValue),
            pattern: properties["EventPattern"], schedule: properties["ScheduleExpression"]?.stringValue, timeZone: nil,
            enabled: state.hasPrefix("ENABLED"), scheduler: false, targets: targets)
    }

    mutating func readSchedule(_ logicalID: String, _ properties: JSONValue) {
        guard let target = properties["Target"], let read = readTarget(target, rule: logicalID, position: 0) else {
            skip(logicalID, "the schedule", "it has no target the emulator can deliver to")
            return
        }
        if properties["FlexibleTimeWindow"]?["Mode"]?.stringValue == "FLEXIBLE" {
            skip(logicalID, "FlexibleTimeWindow", "the schedule fires at its exact times locally")
        }
        addRule(
            name: properties["Name"]?.stringValue ?? logicalID, logicalID: logicalID, bus: EventWiring.defaultBus, pattern: nil,
            schedule: properties["ScheduleExpression"]?.stringValue, timeZone: properties["ScheduleExpressionTimezone"]?.stringValue,
            enabled: (properties["State"]?.stringValue ?? "ENABLED") == "ENABLED", scheduler: true, targets: [read])
    }

    /// Adds a rule once its pattern compiles; a rule with neither pattern nor schedule is named as unrun.
    mutating func addRule(
        name: String, logicalID: String, bus: String, pattern: JSONValue?, schedule: String?, timeZone: String?, enabled: Bool,
        scheduler: Bool, targets: [RuleTarget]
    ) {
        var compiled: EventPattern?
        if let pattern {
            do {
                // A pattern may be written as an object or as its JSON text.
                if let text = pattern.stringValue {
                    compiled = try EventPattern(text: text)
                } else {
                    compiled = try EventPattern(json: pattern)
                }
            } catch {
                skip(logicalID, "the rule \(name)", "\(InvalidEventPatternError.exceptionName): \(error.message)")
                return
            }
        }
        guard compiled != nil || schedule != nil else {
            skip(logicalID, "the rule \(name)", "it has neither an EventPattern nor a ScheduleExpression")
            return
        }
        wiring.rules.append(EventRuleDefinition(
            name: name, logicalID: logicalID, bus: bus, pattern: compiled, schedule: schedule, scheduleTimeZone: timeZone,
            enabled: enabled, isSchedulerSchedule: scheduler, targets: targets))
    }

    /// One target; nil (and the reason in ``EventWiring/unrun``) when it cannot be delivered to.
    mutating func readTarget(_ target: JSONValue, rule: String, position: Int) -> RuleTarget? {
        let id = target["Id"]?.templateText ?? "Target\(position)"
        guard let arn = target["Arn"]?.stringValue else {
            skip(rule, "target \(id)", "it has no Arn")
            return nil
        }
        switch destination(arn) {
        case .failure(let problem):
            skip(rule, "target \(id)", problem.message)
            return nil
        case .success(let destination):
            for property in Self.unrunTargetProperties where target[property] != nil {
                skip(rule, "target \(id) \(property)", "it applies to target types that are not delivered locally")
            }
            return RuleTarget(
                id: id, arn: arn, destination: destination, input: Self.input(of: target),
                messageGroupID: target["SqsParameters"]?["MessageGroupId"]?.templateText,
                deadLetterQueueARN: target["DeadLetterConfig"]?["Arn"]?.stringValue, retryPolicy: Self.retryPolicy(of: target))
        }
    }

    /// `Input`, `InputPath` or `InputTransformer`; the whole event when none is set.
    static func input(of target: JSONValue) -> TargetInput {
        if let input = target["Input"] { return .constant(input.stringValue ?? input.serialized()) }
        if let path = target["InputPath"]?.stringValue { return .path(path) }
        if let transformer = target["InputTransformer"], let template = transformer["InputTemplate"]?.stringValue {
            let paths = (transformer["InputPathsMap"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            return .transformer(pathsMap: paths, template: template)
        }
        return .event
    }
}
