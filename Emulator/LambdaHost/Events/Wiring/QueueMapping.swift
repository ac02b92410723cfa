public import EventPatterns

/// An SQS event source mapping: a queue polled for a function, as Lambda's pollers do.
public struct QueueMapping: Sendable {
    /// The mapping's logical id (`Function.Event` for a SAM event).
    public let name: String
    /// The function's logical id.
    public let function: String
    public let queueARN: String
    /// Records per invocation (1–10 for FIFO queues, up to 10,000 for standard ones with a window).
    public let batchSize: Int
    /// How long to gather records before invoking, when fewer than `batchSize` are waiting.
    public let batchingWindowSeconds: Int
    /// `FunctionResponseTypes: [ReportBatchItemFailures]`.
    public let reportsBatchItemFailures: Bool
    /// `ScalingConfig.MaximumConcurrency`: invocations at once (Lambda's pollers otherwise scale with the queue).
    public let maximumConcurrency: Int?
    public let enabled: Bool
    /// `FilterCriteria`: records matching none are deleted without an invocation.
    public let filters: [EventPattern]

    /// The queue's name, the last part of its ARN.
    public var queueName: String { queueARN.split(separator: ":").last.map(String.init) ?? queueARN }
    public var isFIFO: Bool { queueName.hasSuffix(".fifo") }
}
