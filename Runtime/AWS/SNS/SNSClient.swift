/// Amazon SNS: publishing notifications.
public struct SNSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Publishes `message` to `topicARN` and returns the message id.
    /// - Parameters:
    ///   - attributes: string message attributes (subscribers filter on them).
    ///   - groupID, deduplicationID: for FIFO topics.
    @discardableResult
    public func publish(
        topicARN: String, message: String, subject: String? = nil, attributes: [String: String] = [:],
        groupID: String? = nil, deduplicationID: String? = nil
    ) throws(AWSError) -> String {
        let parameters = [(name: "TopicArn", value: topicARN)]
            + SNSMessage(message: message, subject: subject, attributes: attributes, groupID: groupID, deduplicationID: deduplicationID)
            .parameters(prefix: "")
        let result = try client.query(.sns, action: "Publish", parameters: parameters, resource: topicARN)
        guard let id = result.value("MessageId") else {
            throw AWSError(service: "SNS", operation: "Publish", resource: topicARN, code: "ResponseParsing", message: "no MessageId")
        }
        return id
    }
}
