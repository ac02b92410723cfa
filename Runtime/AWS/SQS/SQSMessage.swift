/// A received message.
public struct SQSMessage: Sendable, Hashable, Decodable {
    public var messageID: String
    /// Needed to delete the message or change its visibility; valid for this receipt only.
    public var receiptHandle: String
    public var body: String
    /// System attributes asked for (`ApproximateReceiveCount`, FIFO `MessageGroupId`, …).
    public var attributes: [String: String]
    /// String-valued message attributes.
    public var messageAttributes: [String: String]

    enum CodingKeys: String, CodingKey {
        case messageID = "MessageId", receiptHandle = "ReceiptHandle", body = "Body", attributes = "Attributes"
        case messageAttributes = "MessageAttributes"
    }

    private struct AttributeValue: Decodable { var StringValue: String? }

    public init(
        messageID: String, receiptHandle: String, body: String, attributes: [String: String] = [:],
        messageAttributes: [String: String] = [:]
    ) {
        self.messageID = messageID
        self.receiptHandle = receiptHandle
        self.body = body
        self.attributes = attributes
        self.messageAttributes = messageAttributes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messageID = try container.decode(String.self, forKey: .messageID)
        receiptHandle = try container.decode(String.self, forKey: .receiptHandle)
        body = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        messageAttributes = (try container.decodeIfPresent([String: AttributeValue].self, forKey: .messageAttributes) ?? [:])
            .compactMapValues(\.StringValue)
    }
}

/// A message to send, alone or in a batch.
public struct SQSOutgoingMessage: Sendable, Hashable {
    /// Batch entry id (unique within one batch).
    public var id: String
    public var body: String
    /// FIFO queues: messages of one group are delivered in order.
    public var groupID: String?
    /// FIFO queues: a second message with this id within 5 minutes is accepted but not delivered.
    public var deduplicationID: String?
    public var delaySeconds: Int?
    /// String message attributes.
    public var attributes: [String: String]

    public init(
        id: String = "0", body: String, groupID: String? = nil, deduplicationID: String? = nil,
        delaySeconds: Int? = nil, attributes: [String: String] = [:]
    ) {
        self.id = id
        self.body = body
        self.groupID = groupID
        self.deduplicationID = deduplicationID
        self.delaySeconds = delaySeconds
        self.attributes = attributes
    }
}
