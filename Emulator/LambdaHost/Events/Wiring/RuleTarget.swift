
/// One target of a rule: where the event goes and what of it.
public struct RuleTarget: Sendable {
    public let id: String
    public let arn: String
    public let destination: TargetDestination
    public let input: TargetInput
    /// `SqsParameters.MessageGroupId`, for a FIFO queue.
    public let messageGroupID: String?
    /// `DeadLetterConfig.Arn`: the queue that receives what could not be delivered.
    public let deadLetterQueueARN: String?
    /// `RetryPolicy`: how a delivery that failed for a passing reason is retried.
    public let retryPolicy: TargetRetryPolicy
}

/// Where a target's events go.
public enum TargetDestination: Sendable, Hashable, CustomStringConvertible {
    /// A function of the template, by logical id.
    case function(String)
    /// An SQS queue, by ARN.
    case queue(arn: String)
    /// A state machine of the template, by logical id.
    case stateMachine(String)
    /// An SNS topic, by ARN.
    case topic(arn: String)

    public var description: String {
        switch self {
        case .function(let name): "function \(name)"
        case .queue(let arn): "queue \(arn.split(separator: ":").last.map(String.init) ?? arn)"
        case .stateMachine(let name): "state machine \(name)"
        case .topic(let arn): "topic \(arn.split(separator: ":").last.map(String.init) ?? arn)"
        }
    }
}

/// What a target receives of the matched event.
public enum TargetInput: Sendable {
    /// The whole event.
    case event
    /// `Input`: this constant JSON text instead.
    case constant(String)
    /// `InputPath`: the part of the event at this JSONPath.
    case path(String)
    /// `InputTransformer`: values picked by path, placed into a template.
    case transformer(pathsMap: [String: String], template: String)
}
