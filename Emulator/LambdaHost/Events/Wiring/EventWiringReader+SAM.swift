import StateMachine

/// The `Events` of SAM functions and state machines, read as the resources SAM generates from them.
extension EventWiringReader {
    mutating func readSAMEvents(of owner: String, _ properties: JSONValue, target: TargetDestination) {
        let ownerARN: String
        switch target {
        case .function: ownerARN = template.resources[owner]?.arn ?? owner
        case .stateMachine: ownerARN = template.resources[owner]?.arn ?? owner
        default: return
        }
        for (event, definition) in (properties["Events"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let type = definition["Type"]?.stringValue ?? "?"
            let settings = definition["Properties"] ?? .object([:])
            let label = "Events.\(event) (\(type))"
            switch type {
            case "EventBridgeRule", "CloudWatchEvent":
                addSAMRule(owner: owner, event: event, settings: settings, target: target, arn: ownerARN, schedule: nil)
            case "Schedule":
                guard let expression = settings["Schedule"]?.stringValue else {
                    skip(owner, label, "it has no Schedule expression")
                    continue
                }
                addSAMRule(owner: owner, event: event, settings: settings, target: target, arn: ownerARN, schedule: expression)
            case "ScheduleV2":
                addSAMSchedule(owner: owner, event: event, settings: settings, target: target, arn: ownerARN)
            case "SQS" where owner == target.functionID:
                addQueueMapping(
                    name: owner + event, function: owner, queueARN: settings["Queue"]?.stringValue, settings: settings, label: label)
            case "S3" where owner == target.functionID:
                addSAMBucketEvent(owner: owner, event: event, settings: settings, label: label)
            case "Api", "HttpApi":
                let route = APIRoute(
                    kind: type == "Api" ? .rest : .http, method: (settings["Method"]?.stringValue ?? "ANY").uppercased(),
                    path: settings["Path"]?.stringValue ?? "$default", destination: target,
                    api: settings[type == "Api" ? "RestApiId" : "ApiId"]?.stringValue, authorizer: settings["Auth"]?["Authorizer"]?.stringValue)
                wiring.apiRoutes.append(route)
                if route.kind == .http {
                    skip(owner, label, "HTTP APIs are not served by the emulator (REST APIs are, by start-api); replay an API Gateway event to run the route")
                } else if target.functionID == nil {
                    skip(owner, label, "start-api serves Lambda proxy routes only, not a Step Functions integration; replay an API Gateway event to run the route")
                }
            case "SNS" where owner == target.functionID:
                guard let topic = settings["Topic"]?.stringValue else {
                    skip(owner, label, "it names no Topic")
                    continue
                }
                addTopicSubscription(owner, label, topic: topic, function: owner, settings: settings)
                if settings["SqsSubscription"] != nil {
                    skip(owner, "\(label) SqsSubscription", "the messages go to the function directly, not through a queue")
                }
            default:
                skip(owner, label, "the emulator runs SQS, S3, EventBridge and schedule events, not \(type)")
            }
        }
    }

    /// `EventBridgeRule`, `CloudWatchEvent` and `Schedule`: an `AWS::Events::Rule` named
    /// `<Owner><Event>` (or its `RuleName`/`Name`) with the owner as its one target.
    private mutating func addSAMRule(
        owner: String, event: String, settings: JSONValue, target: TargetDestination, arn: String, schedule: String?
    ) {
        let name = settings["RuleName"]?.stringValue ?? settings["Name"]?.stringValue ?? owner + event
        var enabled = settings["Enabled"]?.boolValue ?? true
        if let state = settings["State"]?.stringValue { enabled = state.hasPrefix("ENABLED") }
        let targetID = settings["Target"]?["Id"]?.stringValue ?? "\(owner)\(event)Target"
        let ruleTarget = RuleTarget(
            id: targetID, arn: arn, destination: target, input: Self.input(of: settings), messageGroupID: nil,
            deadLetterQueueARN: settings["DeadLetterConfig"]?["Arn"]?.stringValue, retryPolicy: Self.retryPolicy(of: settings))
        addRule(
            name: name, logicalID: owner, bus: busName(settings["EventBusName"]?.stringValue), pattern: settings["Pattern"],
            schedule: schedule, timeZone: nil, enabled: enabled, scheduler: false, targets: [ruleTarget])
    }

    /// `ScheduleV2`: an `AWS::Scheduler::Schedule` named `<Owner><Event>` (or its `Name`).
    private mutating func addSAMSchedule(owner: String, event: String, settings: JSONValue, target: TargetDestination, arn: String) {
        guard let expression = settings["ScheduleExpression"]?.stringValue else {
            skip(owner, "Events.\(event) (ScheduleV2)", "it has no ScheduleExpression")
            return
        }
        let input: TargetInput = settings["Input"].map { .constant($0.stringValue ?? $0.serialized()) } ?? .constant("{}")
        let ruleTarget = RuleTarget(
            id: "\(owner)\(event)Target", arn: arn, destination: target, input: input, messageGroupID: nil,
            deadLetterQueueARN: settings["DeadLetterConfig"]?["Arn"]?.stringValue, retryPolicy: Self.retryPolicy(of: settings))
        addRule(
            name: settings["Name"]?.stringValue ?? owner + event, logicalID: owner, bus: EventWiring.defaultBus, pattern: nil,
            schedule: expression, timeZone: settings["ScheduleExpressionTimezone"]?.stringValue,
            enabled: (settings["State"]?.stringValue ?? "ENABLED") == "ENABLED", scheduler: true, targets: [ruleTarget])
    }

    /// `S3`: a notification of the bucket (which must be in the template) to the function.
    private mutating func addSAMBucketEvent(owner: String, event: String, settings: JSONValue, label: String) {
        guard let bucket = settings["Bucket"]?.stringValue else {
            skip(owner, label, "it names no Bucket")
            return
        }
        let events = settings["Events"]?.arrayValue?.compactMap(\.stringValue) ?? settings["Events"]?.stringValue.map { [$0] } ?? []
        let (prefix, suffix) = Self.keyFilter(settings["Filter"])
        wiring.bucketNotifications.append(BucketNotification(
            bucket: bucket, events: events, prefix: prefix, suffix: suffix, destination: .function(owner),
            configurationID: "\(owner)\(event)"))
    }
}

extension TargetDestination {
    /// The function's logical id, for a function.
    var functionID: String? {
        if case .function(let name) = self { return name }
        return nil
    }
}
