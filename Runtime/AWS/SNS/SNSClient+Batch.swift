/// One message of a `PublishBatch`.
public struct SNSMessage: Sendable, Hashable {
    public var message: String
    public var subject: String?
    /// String message attributes (subscribers filter on them).
    public var attributes: [String: String]
    /// For FIFO topics.
    public var groupID: String?
    public var deduplicationID: String?

    public init(
        message: String, subject: String? = nil, attributes: [String: String] = [:], groupID: String? = nil,
        deduplicationID: String? = nil
    ) {
        self.message = message
        self.subject = subject
        self.attributes = attributes
        self.groupID = groupID
        self.deduplicationID = deduplicationID
    }

    /// The message's request parameters, each name after `prefix`.
    func parameters(prefix: String) -> [(name: String, value: String)] {
        var parameters = [(name: prefix + "Message", value: message)]
        if let subject { parameters.append((prefix + "Subject", subject)) }
        if let groupID { parameters.append((prefix + "MessageGroupId", groupID)) }
        if let deduplicationID { parameters.append((prefix + "MessageDeduplicationId", deduplicationID)) }
        for (index, entry) in attributes.sorted(by: { $0.key < $1.key }).enumerated() {
            let attribute = "\(prefix)MessageAttributes.entry.\(index + 1)"
            parameters += [
                ("\(attribute).Name", entry.key), ("\(attribute).Value.DataType", "String"),
                ("\(attribute).Value.StringValue", entry.value),
            ]
        }
        return parameters
    }
}

extension SNSClient {
    /// The most messages one `PublishBatch` takes.
    public static let batchLimit = 10

    /// Publishes up to `batchLimit` messages in one request; each succeeds or fails alone.
    /// - Returns: for each message, in order, whether SNS took it.
    public func publishBatch(topicARN: String, messages: [SNSMessage]) throws(AWSError) -> [Bool] {
        var parameters = [(name: "TopicArn", value: topicARN)]
        for (index, message) in messages.enumerated() {
            let prefix = "PublishBatchRequestEntries.member.\(index + 1)."
            parameters.append((prefix + "Id", "m\(index)"))
            parameters += message.parameters(prefix: prefix)
        }
        let result = try client.query(.sns, action: "PublishBatch", parameters: parameters, resource: topicARN)
        let taken = Set(result.child("Successful")?.children("member").compactMap { $0.value("Id") } ?? [])
        return messages.indices.map { taken.contains("m\($0)") }
    }
}
