import StateMachine

extension EventWiring {
    /// Reads the template's event wiring; what cannot be read or run goes to ``unrun``.
    public init(template: SAMTemplate) {
        var reader = EventWiringReader(template: template)
        reader.readAll()
        self = reader.wiring
        rules.sort { $0.name < $1.name }
        queueMappings.sort { $0.name < $1.name }
        unrun.sort { ($0.resource, $0.what) < ($1.resource, $1.what) }
    }
}

/// One pass over the template's resources, collecting their event wiring.
struct EventWiringReader {
    let template: SAMTemplate
    var wiring = EventWiring()

    init(template: SAMTemplate) {
        self.template = template
    }

    mutating func readAll() {
        for bus in template.resources(ofType: "AWS::Events::EventBus") {
            wiring.buses.insert(busName(ofResource: bus.logicalID))
        }
        for resource in template.resources.values.sorted(by: { $0.logicalID < $1.logicalID }) {
            let properties: JSONValue
            do {
                guard Self.readTypes.contains(resource.type) else { continue }
                properties = try template.resolvedProperties(of: resource.logicalID)
            } catch {
                skip(resource.logicalID, "its event wiring", "its properties do not resolve: \(error.message)")
                continue
            }
            switch resource.type {
            case "AWS::Events::Rule": readRule(resource.logicalID, properties)
            case "AWS::Scheduler::Schedule": readSchedule(resource.logicalID, properties)
            case "AWS::Lambda::EventSourceMapping": readEventSourceMapping(resource.logicalID, properties)
            case "AWS::S3::Bucket": readBucketNotifications(resource, properties)
            case "AWS::Serverless::Function":
                readSAMEvents(of: resource.logicalID, properties, target: .function(resource.logicalID))
                readFunctionInvokeSettings(of: resource.logicalID, properties)
            case "AWS::Lambda::Function": readFunctionInvokeSettings(of: resource.logicalID, properties)
            case "AWS::Lambda::EventInvokeConfig": readEventInvokeConfig(resource.logicalID, properties)
            case "AWS::Serverless::StateMachine":
                readSAMEvents(of: resource.logicalID, properties, target: .stateMachine(resource.logicalID))
            case "AWS::SNS::Subscription": readSubscription(resource.logicalID, properties)
            default: break
            }
        }
    }

    /// The types whose properties carry event wiring.
    static let readTypes: Set<String> = [
        "AWS::Events::Rule", "AWS::Scheduler::Schedule", "AWS::Lambda::EventSourceMapping", "AWS::S3::Bucket",
        "AWS::Serverless::Function", "AWS::Serverless::StateMachine", "AWS::SNS::Subscription", "AWS::Lambda::Function",
        "AWS::Lambda::EventInvokeConfig",
    ]

    mutating func skip(_ resource: String, _ what: String, _ why: String) {
        wiring.unrun.append(UnrunWiring(resource: resource, what: what, why: why))
    }

    /// A function's subscription to a topic, with its `FilterPolicy` and `FilterPolicyScope`; one
    /// whose policy SNS would refuse is named and left out, as SNS would not create it.
    mutating func addTopicSubscription(_ owner: String, _ what: String, topic: String, function: String, settings: JSONValue) {
        var subscription = TopicSubscription(topicARN: topic, function: function)
        if let policy = settings["FilterPolicy"] {
            do {
                subscription.filterPolicy = try SubscriptionFilterPolicy(policy: policy, scope: settings["FilterPolicyScope"]?.stringValue)
            } catch {
                skip(owner, what, "\(error)")
                return
            }
        }
        wiring.topicSubscriptions.append(subscription)
    }

    /// SNS delivers to queues itself (moto does too); a function endpoint gets the topic's
    /// messages (and replayed SNS events); other protocols are not run here.
    private mutating func readSubscription(_ logicalID: String, _ properties: JSONValue) {
        let scheme = properties["Protocol"]?.stringValue ?? "?"
        guard scheme != "sqs" else { return }
        if scheme == "lambda", let endpoint = properties["Endpoint"]?.stringValue, let topic = properties["TopicArn"]?.stringValue,
            case .success(.function(let function)) = destination(endpoint)
        {
            addTopicSubscription(logicalID, "the subscription", topic: topic, function: function, settings: properties)
            return
        }
        skip(logicalID, "the \(scheme) subscription", "SNS delivers only to SQS queues locally (moto does that itself)")
    }

    /// Where an ARN (or a function's name) points, among what the emulator runs.
    func destination(_ arn: String) -> Result<TargetDestination, WiringProblem> {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard arn.hasPrefix("arn:"), parts.count >= 6 else {
            if let function = template.functionID(named: arn), template.functions[function] != nil { return .success(.function(function)) }
            return .failure(WiringProblem("\(arn) is not an ARN of a function, queue, state machine or topic"))
        }
        switch parts[2] {
        case "lambda":
            let name = parts.count > 6 ? parts[6] : parts[5]
            guard let function = template.functionID(named: name) else {
                return .failure(WiringProblem("the function \(name) is not in the template"))
            }
            guard template.functions[function] != nil else {
                return .failure(WiringProblem("the function \(function) does not run locally"))
            }
            return .success(.function(function))
        case "sqs": return .success(.queue(arn: arn))
        case "sns": return .success(.topic(arn: arn))
        case "states":
            let name = parts.count > 6 ? parts[6] : parts[5]
            guard let machine = template.resources.values.first(where: { $0.isStateMachine && $0.physicalName == name }) else {
                return .failure(WiringProblem("the state machine \(name) is not in the template"))
            }
            return .success(.stateMachine(machine.logicalID))
        default:
            return .failure(WiringProblem("targets of type \(parts[2]) (\(arn)) are not delivered locally"))
        }
    }

    /// A bus named by `EventBusName`: a name, an ARN, or a bus resource's logical id.
    func busName(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return EventWiring.defaultBus }
        if value.hasPrefix("arn:"), let range = value.firstRange(of: "event-bus/") { return String(value[range.upperBound...]) }
        if template.resources[value]?.type == "AWS::Events::EventBus" { return busName(ofResource: value) }
        return value
    }

    private func busName(ofResource logicalID: String) -> String {
        (try? template.resolvedProperties(of: logicalID))?["Name"]?.stringValue ?? logicalID
    }
}

/// Why one piece of wiring cannot run.
struct WiringProblem: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
