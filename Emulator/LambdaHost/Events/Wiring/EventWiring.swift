/// How the template's events reach its functions, state machines, queues and topics: the rules on
/// each bus (patterns and schedules), the SQS event source mappings, and the buckets' notifications.
///
/// Read from `AWS::Events::Rule`, `AWS::Scheduler::Schedule`, `AWS::Lambda::EventSourceMapping`,
/// `AWS::S3::Bucket`'s `NotificationConfiguration`, and the `Events` of SAM functions and state
/// machines. Whatever the template wires that the emulator does not run is in ``unrun``, once,
/// with the reason, so a command can say so at start-up; reading never stops at it.
public struct EventWiring: Sendable {
    /// Rules with a pattern or a schedule, on any bus, sorted by name.
    public internal(set) var rules: [EventRuleDefinition] = []
    /// Buses the template creates besides `default`.
    public internal(set) var buses: Set<String> = []
    /// SQS queues polled for functions.
    public internal(set) var queueMappings: [QueueMapping] = []
    /// Buckets whose new and removed objects are announced.
    public internal(set) var bucketNotifications: [BucketNotification] = []
    /// Buckets that send their events to EventBridge's default bus.
    public internal(set) var eventBridgeBuckets: Set<String> = []
    /// Functions subscribed to SNS topics, for replayed SNS events.
    public internal(set) var topicSubscriptions: [TopicSubscription] = []
    /// Functions behind API Gateway routes, for replayed API Gateway events.
    public internal(set) var apiRoutes: [APIRoute] = []
    /// Functions' asynchronous-invocation settings, by logical id; functions not here have Lambda's defaults.
    public internal(set) var asyncInvokeConfigs: [String: AsyncInvokeConfig] = [:]
    /// What the template wires that is not run here.
    public internal(set) var unrun: [UnrunWiring] = []

    /// The bus every AWS service and unnamed `PutEvents` entry uses.
    public static let defaultBus = "default"

    /// How Lambda retries and reports the function's asynchronous invocations.
    public func asyncInvokeConfig(of function: String) -> AsyncInvokeConfig {
        asyncInvokeConfigs[function] ?? .standard
    }

    /// The rule called `name`: its own name, or its logical id.
    public func rule(named name: String) -> EventRuleDefinition? {
        rules.first { $0.name == name } ?? rules.first { $0.logicalID == name }
    }
}

/// Something the template wires that the emulator does not run, and why.
public struct UnrunWiring: Sendable, Hashable, CustomStringConvertible {
    /// The resource (logical id) it belongs to.
    public let resource: String
    /// What is not run: a property, an event, a target.
    public let what: String
    public let why: String

    public var description: String { "\(resource): \(what) is not run locally: \(why)" }
}
