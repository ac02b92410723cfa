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
        var parameters = [(name: "TopicArn", value: topicARN), (name: "Message", value: message)]
        if let subject { parameters.append(("Subject", subject)) }
        if let groupID { parameters.append(("MessageGroupId", groupID)) }
        if let deduplicationID { parameters.append(("MessageDeduplicationId", deduplicationID)) }
        for (index, entry) in attributes.sorted(by: { $0.key < $1.key }).enumerated() {
            let prefix = "MessageAttributes.entry.\(index + 1)"
            parameters += [
                ("\(prefix).Name", entry.key), ("\(prefix).Value.DataType", "String"),
                ("\(prefix).Value.StringValue", entry.value),
            ]
        }
        let result = try client.query(.sns, action: "Publish", parameters: parameters, resource: topicARN)
        guard let id = result.value("MessageId") else {
            throw AWSError(service: "SNS", operation: "Publish", resource: topicARN, code: "ResponseParsing", message: "no MessageId")
        }
        return id
    }
}
