import StateMachine

/// Functions' asynchronous-invocation settings and rule targets' `RetryPolicy`.
extension EventWiringReader {
    /// `AWS::Lambda::EventInvokeConfig`: the settings of the function its `FunctionName` names.
    mutating func readEventInvokeConfig(_ logicalID: String, _ properties: JSONValue) {
        guard let name = properties["FunctionName"]?.stringValue, let function = template.functionID(named: name),
            template.functions[function] != nil
        else {
            skip(logicalID, "the event invoke configuration", "it names no function that runs locally")
            return
        }
        var config = wiring.asyncInvokeConfigs[function] ?? .standard
        readInvokeSettings(properties, into: &config, owner: logicalID)
        wiring.asyncInvokeConfigs[function] = config
    }

    /// A function's own `DeadLetterConfig.TargetArn` (SAM: `DeadLetterQueue.TargetArn`) and SAM's
    /// `EventInvokeConfig` property.
    mutating func readFunctionInvokeSettings(of function: String, _ properties: JSONValue) {
        guard template.functions[function] != nil else { return }
        var config = wiring.asyncInvokeConfigs[function] ?? .standard
        let deadLetters = properties["DeadLetterConfig"]?["TargetArn"] ?? properties["DeadLetterQueue"]?["TargetArn"]
        if let arn = deadLetters?.stringValue { config.deadLetterTarget = invokeDestination(arn, owner: function, what: "the dead-letter target") }
        if let settings = properties["EventInvokeConfig"] { readInvokeSettings(settings, into: &config, owner: function) }
        if config != .standard { wiring.asyncInvokeConfigs[function] = config }
    }

    private mutating func readInvokeSettings(_ settings: JSONValue, into config: inout AsyncInvokeConfig, owner: String) {
        if let retries = settings["MaximumRetryAttempts"]?.integerValue { config.maximumRetryAttempts = Int(min(max(retries, 0), 2)) }
        if let age = settings["MaximumEventAgeInSeconds"]?.integerValue { config.maximumEventAgeInSeconds = Int(min(max(age, 60), 21_600)) }
        for (outcome, key) in [("OnSuccess", \AsyncInvokeConfig.onSuccess), ("OnFailure", \AsyncInvokeConfig.onFailure)] {
            guard let destination = settings["DestinationConfig"]?[outcome] else { continue }
            guard let arn = destination["Destination"]?.stringValue else {
                skip(owner, "the \(outcome) destination", "it names no Destination ARN (SAM's generated queues and topics are not created locally)")
                continue
            }
            config[keyPath: key] = invokeDestination(arn, owner: owner, what: "the \(outcome) destination")
        }
    }

    /// A queue, topic or function to send invocation records or dead letters to; nil (and the
    /// reason in ``EventWiring/unrun``) for anything else.
    private mutating func invokeDestination(_ arn: String, owner: String, what: String) -> TargetDestination? {
        switch destination(arn) {
        case .success(let destination) where destination.stateMachineID == nil: return destination
        case .success: skip(owner, what, "Lambda sends invocation records to queues, topics, functions and event buses, not to state machines")
        case .failure(let problem): skip(owner, what, problem.message)
        }
        return nil
    }

    /// A target's `RetryPolicy`, within EventBridge's bounds.
    static func retryPolicy(of target: JSONValue) -> TargetRetryPolicy {
        var policy = TargetRetryPolicy.standard
        if let retries = target["RetryPolicy"]?["MaximumRetryAttempts"]?.integerValue { policy.maximumRetryAttempts = Int(min(max(retries, 0), 185)) }
        if let age = target["RetryPolicy"]?["MaximumEventAgeInSeconds"]?.integerValue {
            policy.maximumEventAgeInSeconds = Int(min(max(age, 60), 86_400))
        }
        return policy
    }
}

extension TargetDestination {
    /// The state machine's logical id, for a state machine.
    var stateMachineID: String? {
        if case .stateMachine(let name) = self { return name }
        return nil
    }
}
