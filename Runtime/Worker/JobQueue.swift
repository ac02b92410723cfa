public import AWS

/// The queue the worker takes its jobs from: `work.fifo` on SQS (`SQSClient`) in the container, an
/// in-memory queue in tests.
///
/// The requirements are the SQS calls the worker makes, with `SQSClient`'s signatures and errors.
public protocol JobQueue: Sendable {
    /// Receives up to `maxMessages`, long-polling up to `waitSeconds`, each then invisible to other
    /// consumers for `visibilityTimeout` seconds.
    func receiveMessages(
        queueURL: String, maxMessages: Int, waitSeconds: Int, visibilityTimeout: Int?, attributeNames: [String],
        messageAttributeNames: [String]
    ) throws(AWSError) -> [SQSMessage]

    func deleteMessage(queueURL: String, receiptHandle: String) throws(AWSError)

    /// Sets how long the message stays invisible from now: a heartbeat's extension, or 0 to hand
    /// it back at once.
    func changeMessageVisibility(queueURL: String, receiptHandle: String, timeoutSeconds: Int) throws(AWSError)
}

/// SQS itself.
extension SQSClient: JobQueue {}
