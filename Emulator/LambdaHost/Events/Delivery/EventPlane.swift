public import AWS
import EventPatterns
import Foundation
public import StateMachine

/// The template's event wiring at work: events put on a bus go to the targets of the rules they
/// match, schedules fire their rules, bucket notifications and queue mappings deliver to their
/// functions. Every hop is returned as a ``Delivery`` and told to `log`.
///
/// One instance serves a whole session (`emulator start`, `replay`); every method may be called
/// from any task.
public final class EventPlane: Sendable {
    public let wiring: EventWiring
    public let host: LambdaHost
    public let region: String
    public let account: String
    let client: AWSClient
    let dispatcher: TargetDispatcher
    let log: @Sendable (String) -> Void
    /// Whether a message sent to a queue that a mapping polls is taken from it at once and handed
    /// to the mapping's function (replay follows an event through every hop this way).
    let followsQueues: Bool
    /// Each bus's enabled pattern rules, indexed; the keys are positions in `wiring.rules`.
    private let buses: [String: EventPatternIndex<Int>]

    /// - Parameters:
    ///   - awaitsExecutions: whether a state machine started by a rule is waited for (its outcome
    ///     reported) or left to run.
    ///   - followsQueues: whether a message sent to a polled queue is processed at once, as the next hop.
    ///   - retryClock: the clock retries wait on (Lambda's one and two minutes, a rule target's
    ///     back-off): the wall clock, or a faster one.
    ///   - log: receives a line for every hop and every problem.
    public init(
        wiring: EventWiring, host: LambdaHost, client: AWSClient, region: String, awaitsExecutions: Bool = false,
        followsQueues: Bool = false, retryClock: ScheduleClock = ScheduleClock(), log: @escaping @Sendable (String) -> Void
    ) {
        self.followsQueues = followsQueues
        self.wiring = wiring
        self.host = host
        self.client = client
        self.region = region
        account = CloudFormationResolver.accountID
        self.log = log
        dispatcher = TargetDispatcher(
            host: host, client: client, awaitsExecutions: awaitsExecutions, executions: ExecutionTracker(),
            invokeConfigs: wiring.asyncInvokeConfigs, retryClock: retryClock, region: region, account: account)
        var buses: [String: EventPatternIndex<Int>] = [:]
        for (position, rule) in wiring.rules.enumerated() where rule.enabled {
            guard let pattern = rule.pattern else { continue }
            buses[rule.bus, default: EventPatternIndex()].add(pattern, for: position)
        }
        self.buses = buses
    }

    /// The rules on `bus` that match the event.
    public func matchingRules(for event: JSONValue, bus: String = EventWiring.defaultBus) -> [EventRuleDefinition] {
        buses[bus]?.matches(event).map { wiring.rules[$0] } ?? []
    }

    /// Puts an event on a bus: each matching rule's targets get it, transformed as they ask.
    /// - Parameter dryRun: report where it would go without delivering.
    public func put(_ event: JSONValue, bus: String = EventWiring.defaultBus, dryRun: Bool = false) async -> [Delivery] {
        let rules = matchingRules(for: event, bus: bus)
        var deliveries: [Delivery] = []
        for rule in rules {
            deliveries += await deliver(event, through: rule, dryRun: dryRun)
        }
        return deliveries
    }

    /// Sends an event to every target of a rule.
    public func deliver(_ event: JSONValue, through rule: EventRuleDefinition, dryRun: Bool = false) async -> [Delivery] {
        var deliveries: [Delivery] = []
        for target in rule.targets {
            let delivery: Delivery
            if dryRun {
                delivery = Delivery(rule: "rule \(rule.name)", target: target.destination.description, status: .planned)
            } else {
                delivery = await deliver(event, to: target, of: rule)
            }
            log(delivery.line)
            deliveries.append(delivery)
            if case .queue(let arn) = target.destination, delivery.succeeded { deliveries += await followQueue(arn, dryRun: dryRun) }
        }
        return deliveries
    }

    /// The next hop of a message sent to a queue: the mappings that poll it, each taking a batch
    /// and invoking its function (or, in a dry run, the function it would invoke).
    func followQueue(_ queueARN: String, dryRun: Bool) async -> [Delivery] {
        guard followsQueues else { return [] }
        let name = queueARN.split(separator: ":").last.map(String.init) ?? queueARN
        var deliveries: [Delivery] = []
        for mapping in wiring.queueMappings where mapping.enabled && mapping.queueName == name {
            let delivery: Delivery
            if dryRun {
                delivery = Delivery(rule: "mapping \(mapping.name)", target: "function \(mapping.function)", status: .planned)
            } else {
                let poller = QueuePoller(
                    mapping: mapping, queueURL: TargetDispatcher.queueURL(of: mapping.queueARN), host: host, client: client, region: region,
                    log: { _ in })
                delivery = await poller.takeBatch()
            }
            log(delivery.line)
            deliveries.append(delivery)
        }
        return deliveries
    }

    /// An asynchronous invocation made through the Invoke API (`Event`): tried, retried and
    /// reported as the function's `EventInvokeConfig` says, like the events services send.
    public func invokeAsynchronously(_ function: String, payload: [UInt8], options: InvokeOptions) async -> Delivery {
        let target = TargetDestination.function(function).description
        let delivery: Delivery
        do {
            let detail = try await dispatcher.invokeAsynchronously(function, payload: String(decoding: payload, as: UTF8.self), options: options)
            delivery = Delivery(rule: "asynchronous invocation", target: target, status: .delivered(detail: detail))
        } catch {
            delivery = Delivery(rule: "asynchronous invocation", target: target, status: .failed(reason: error.message))
        }
        log(delivery.line)
        return delivery
    }

    /// Waits for the state machine executions rules started.
    public func waitForExecutions() async {
        await dispatcher.executions.waitForAll()
    }

    /// One target's delivery, retried by its `RetryPolicy` while the failure may pass and the
    /// event is young enough, then given to its dead-letter queue.
    private func deliver(_ event: JSONValue, to target: RuleTarget, of rule: EventRuleDefinition) async -> Delivery {
        let label = "rule \(rule.name)"
        let ruleARN = rule.arn(region: region, account: account)
        let accepted = dispatcher.retryClock.now
        var attempts = 0
        while true {
            attempts += 1
            do {
                let payload = try input(for: target, event: event, rule: rule, ruleARN: ruleARN)
                let detail = try await dispatcher.send(
                    payload, to: target.destination, groupID: target.messageGroupID,
                    deduplicationID: event["id"]?.stringValue ?? UUID().uuidString)
                return Delivery(rule: label, target: target.destination.description, status: .delivered(detail: detail))
            } catch {
                if error.isRetryable, attempts <= target.retryPolicy.maximumRetryAttempts {
                    let next = dispatcher.retryClock.now.addingTimeInterval(TimeInterval(TargetRetryPolicy.wait(after: attempts)))
                    if next.timeIntervalSince(accepted) <= TimeInterval(target.retryPolicy.maximumEventAgeInSeconds),
                        (try? await dispatcher.retryClock.sleep(until: next)) != nil
                    {
                        log("rule \(rule.name): \(target.destination) failed (attempt \(attempts)): \(error.message); retrying")
                        continue
                    }
                }
                return await failed(event, to: target, of: rule, ruleARN: ruleARN, error, attempts: attempts)
            }
        }
    }

    /// A delivery given up on: to the target's dead-letter queue when it has one and the target did not take the event.
    private func failed(
        _ event: JSONValue, to target: RuleTarget, of rule: EventRuleDefinition, ruleARN: String, _ error: DeliveryFailure, attempts: Int
    ) async -> Delivery {
        let label = "rule \(rule.name)"
        var reason = error.message + (attempts > 1 ? " (after \(attempts) attempts)" : "")
        if !error.wasAccepted, let deadLetters = target.deadLetterQueueARN {
            reason += await sendToDeadLetters(event, queueARN: deadLetters, ruleARN: ruleARN, target: target, reason: error.message)
        }
        return Delivery(rule: label, target: target.destination.description, status: .failed(reason: reason))
    }

    /// What the target receives: the event, a constant, a part of it, or a transformation.
    func input(for target: RuleTarget, event: JSONValue, rule: EventRuleDefinition, ruleARN: String) throws(DeliveryFailure) -> String {
        switch target.input {
        case .event: return event.serialized()
        case .constant(let text): return text
        case .path(let path):
            return try EventPath(path).value(in: event)?.serialized() ?? "null"
        case .transformer(let paths, let template):
            do {
                return try InputTransformer(pathsMap: paths, template: template).apply(
                    to: event, ruleName: rule.name, ruleARN: ruleARN, ingestionTime: event["time"]?.stringValue ?? "")
            } catch {
                throw DeliveryFailure("target \(target.id) of rule \(rule.name): \(error.message)")
            }
        }
    }

    /// EventBridge's dead-letter message: the event, with why it was not delivered in attributes.
    private func sendToDeadLetters(
        _ event: JSONValue, queueARN: String, ruleARN: String, target: RuleTarget, reason: String
    ) async -> String {
        let message = SQSOutgoingMessage(
            body: event.serialized(),
            attributes: ["RULE_ARN": ruleARN, "TARGET_ARN": target.arn, "ERROR_CODE": "DeliveryFailure", "ERROR_MESSAGE": reason])
        let sqs = SQSClient(client: client)
        let url = TargetDispatcher.queueURL(of: queueARN)
        do {
            _ = try await OffloadedCall.run { () throws(AWSError) in try sqs.sendMessage(queueURL: url, message) }
            return "; the event went to the dead-letter queue \(url.split(separator: "/").last ?? "")"
        } catch {
            return "; it could not go to the dead-letter queue either: \(error)"
        }
    }
}
