public import AWS

/// Where `GenerateReport` publishes a run's summary: an SNS topic (`SNSClient`) in a function, a
/// recording fake in tests.
public protocol TopicPublisher: Sendable {
    /// Publishes `message` to `topicARN` and returns the message id; `SNSClient.publish`.
    @discardableResult
    func publish(
        topicARN: String, message: String, subject: String?, attributes: [String: String], groupID: String?,
        deduplicationID: String?
    ) throws(AWSError) -> String
}

/// SNS itself.
extension SNSClient: TopicPublisher {}
