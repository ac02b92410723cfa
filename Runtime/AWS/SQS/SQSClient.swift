/// Amazon SQS over its JSON protocol: send, receive, delete, change visibility.
public struct SQSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Sends one message and returns its id (and sequence number on FIFO queues).
    @discardableResult
    public func sendMessage(queueURL: String, _ message: SQSOutgoingMessage) throws(AWSError) -> SQSSendResult {
        struct Output: Decodable {
            var MessageId: String
            var SequenceNumber: String?
        }
        let output = try client.json(
            .sqs, "SendMessage", Entry(message, queueURL: queueURL), resource: queueURL, as: Output.self)
        return SQSSendResult(id: message.id, messageID: output.MessageId, sequenceNumber: output.SequenceNumber)
    }

    /// Sends up to 10 messages; per-entry failures come back in `failed` rather than as a throw.
    public func sendMessageBatch(
        queueURL: String, _ messages: [SQSOutgoingMessage]
    ) throws(AWSError) -> (successful: [SQSSendResult], failed: [SQSBatchFailure]) {
        struct Input: Encodable {
            var QueueUrl: String
            var Entries: [Entry]
        }
        struct Success: Decodable {
            var Id: String
            var MessageId: String
            var SequenceNumber: String?
        }
        struct Output: Decodable {
            var Successful: [Success]?
            var Failed: [SQSBatchFailure]?
        }
        let output = try client.json(
            .sqs, "SendMessageBatch", Input(QueueUrl: queueURL, Entries: messages.map { Entry($0, queueURL: nil) }),
            resource: queueURL, as: Output.self)
        let successful = (output.Successful ?? []).map {
            SQSSendResult(id: $0.Id, messageID: $0.MessageId, sequenceNumber: $0.SequenceNumber)
        }
        return (successful, output.Failed ?? [])
    }

    /// Receives up to `maxMessages` (1…10), long-polling up to `waitSeconds` (0…20).
    public func receiveMessages(
        queueURL: String, maxMessages: Int = 10, waitSeconds: Int = 0, visibilityTimeout: Int? = nil,
        attributeNames: [String] = ["All"], messageAttributeNames: [String] = ["All"]
    ) throws(AWSError) -> [SQSMessage] {
        struct Input: Encodable {
            var QueueUrl: String
            var MaxNumberOfMessages: Int
            var WaitTimeSeconds: Int
            var VisibilityTimeout: Int?
            var MessageSystemAttributeNames: [String]
            var AttributeNames: [String]
            var MessageAttributeNames: [String]
        }
        struct Output: Decodable { var Messages: [SQSMessage]? }
        return try client.json(
            .sqs, "ReceiveMessage",
            Input(QueueUrl: queueURL, MaxNumberOfMessages: maxMessages, WaitTimeSeconds: waitSeconds,
                  VisibilityTimeout: visibilityTimeout, MessageSystemAttributeNames: attributeNames,
                  AttributeNames: attributeNames, MessageAttributeNames: messageAttributeNames),
            resource: queueURL, as: Output.self
        ).Messages ?? []
    }

    public func deleteMessage(queueURL: String, receiptHandle: String) throws(AWSError) {
        struct Input: Encodable {
            var QueueUrl: String
            var ReceiptHandle: String
        }
        _ = try client.json(
            .sqs, "DeleteMessage", Input(QueueUrl: queueURL, ReceiptHandle: receiptHandle), resource: queueURL,
            as: EmptyOutput.self)
    }

    /// Deletes up to 10 messages; returns the entries that failed (ids are the receipt indexes).
    @discardableResult
    public func deleteMessageBatch(queueURL: String, receiptHandles: [String]) throws(AWSError) -> [SQSBatchFailure] {
        struct Handle: Encodable {
            var Id: String
            var ReceiptHandle: String
        }
        struct Input: Encodable {
            var QueueUrl: String
            var Entries: [Handle]
        }
        struct Output: Decodable { var Failed: [SQSBatchFailure]? }
        let entries = receiptHandles.enumerated().map { Handle(Id: String($0.offset), ReceiptHandle: $0.element) }
        return try client.json(
            .sqs, "DeleteMessageBatch", Input(QueueUrl: queueURL, Entries: entries), resource: queueURL,
            as: Output.self
        ).Failed ?? []
    }

    /// Extends (or ends, with 0) the time the message stays invisible to other consumers.
    public func changeMessageVisibility(queueURL: String, receiptHandle: String, timeoutSeconds: Int) throws(AWSError) {
        struct Input: Encodable {
            var QueueUrl: String
            var ReceiptHandle: String
            var VisibilityTimeout: Int
        }
        _ = try client.json(
            .sqs, "ChangeMessageVisibility",
            Input(QueueUrl: queueURL, ReceiptHandle: receiptHandle, VisibilityTimeout: timeoutSeconds),
            resource: queueURL, as: EmptyOutput.self)
    }

    /// The wire form of one message (SendMessage, or an entry of SendMessageBatch).
    private struct Entry: Encodable {
        struct Attribute: Encodable {
            var DataType = "String"
            var StringValue: String
        }

        var QueueUrl: String?
        var Id: String?
        var MessageBody: String
        var MessageGroupId: String?
        var MessageDeduplicationId: String?
        var DelaySeconds: Int?
        var MessageAttributes: [String: Attribute]?

        init(_ message: SQSOutgoingMessage, queueURL: String?) {
            QueueUrl = queueURL
            Id = queueURL == nil ? message.id : nil
            MessageBody = message.body
            MessageGroupId = message.groupID
            MessageDeduplicationId = message.deduplicationID
            DelaySeconds = message.delaySeconds
            MessageAttributes = message.attributes.isEmpty ? nil : message.attributes.mapValues { Attribute(StringValue: $0) }
        }
    }
}

/// A sent message: the batch entry id, SQS's message id, and the FIFO sequence number.
public struct SQSSendResult: Sendable, Hashable {
    public var id: String
    public var messageID: String
    public var sequenceNumber: String?
}

/// A batch entry SQS refused.
public struct SQSBatchFailure: Sendable, Hashable, Decodable {
    public var id: String
    public var code: String
    public var message: String?
    public var senderFault: Bool

    enum CodingKeys: String, CodingKey {
        case id = "Id", code = "Code", message = "Message", senderFault = "SenderFault"
    }
}
