/// How Lambda treats a function's asynchronous invocations (the events EventBridge, S3, SNS and
/// schedules send it): how often a failed event is tried again, how old it may grow, and where
/// the outcome goes. Read from `AWS::Lambda::EventInvokeConfig`, a SAM function's
/// `EventInvokeConfig`, and the function's `DeadLetterConfig` (SAM: `DeadLetterQueue`).
public struct AsyncInvokeConfig: Sendable, Hashable {
    /// Retries after the first attempt fails: 0 to 2, Lambda's default 2.
    public var maximumRetryAttempts = 2
    /// How long after it was accepted an event may still be tried: 60 s to 6 h, Lambda's default 6 h.
    public var maximumEventAgeInSeconds = 21_600
    /// `DestinationConfig.OnSuccess`: receives the invocation record of each success.
    public var onSuccess: TargetDestination?
    /// `DestinationConfig.OnFailure`: receives the invocation record of an event given up on.
    public var onFailure: TargetDestination?
    /// The function's dead-letter queue or topic: receives an event given up on (the event itself,
    /// with the request id and error in attributes), besides any `OnFailure` destination.
    public var deadLetterTarget: TargetDestination?

    /// Lambda's defaults: two retries, six hours, no destination.
    public static let standard = AsyncInvokeConfig()

    /// Lambda's wait before the attempt after `attempt` (1 minute, then 2).
    static func wait(after attempt: Int) -> Int { attempt == 1 ? 60 : 120 }
}

/// `RetryPolicy` of a rule's target: how EventBridge retries a delivery that failed for a reason
/// that may pass (throttling, a service error), before the event goes to the target's dead-letter queue.
public struct TargetRetryPolicy: Sendable, Hashable {
    /// 0 to 185, EventBridge's default 185.
    public var maximumRetryAttempts = 185
    /// 60 s to 24 h, EventBridge's default 24 h.
    public var maximumEventAgeInSeconds = 86_400

    public static let standard = TargetRetryPolicy()

    /// The wait before the retry after `attempt`: exponential back-off from 1 s, at most 5 minutes.
    static func wait(after attempt: Int) -> Int { min(1 << min(attempt - 1, 9), 300) }
}
