/// The event Lambda's SQS event source mapping sends a function: a batch of messages.
public struct SQSEvent: Sendable, Hashable, Codable {
    public var records: [Record]

    public init(records: [Record]) {
        self.records = records
    }

    enum CodingKeys: String, CodingKey { case records = "Records" }

    /// One message, with the attributes SQS sent (`MessageGroupId` and `ApproximateReceiveCount`
    /// among them).
    public struct Record: Sendable, Hashable, Codable {
        public var messageId: String
        public var receiptHandle: String
        public var body: String
        public var attributes: [String: String]
        public var eventSourceARN: String?
        public var awsRegion: String?

        public init(
            messageId: String, receiptHandle: String = "", body: String, attributes: [String: String] = [:],
            eventSourceARN: String? = nil, awsRegion: String? = nil
        ) {
            self.messageId = messageId
            self.receiptHandle = receiptHandle
            self.body = body
            self.attributes = attributes
            self.eventSourceARN = eventSourceARN
            self.awsRegion = awsRegion
        }

        /// The FIFO message group, when the queue is FIFO.
        public var messageGroupID: String? { attributes["MessageGroupId"] }
    }
}

/// A function's answer to an SQS batch under `ReportBatchItemFailures`: the messages to return to
/// the queue; every other message of the batch is deleted.
public struct SQSBatchResponse: Sendable, Hashable, Codable {
    public struct Failure: Sendable, Hashable, Codable {
        public var itemIdentifier: String

        public init(itemIdentifier: String) {
            self.itemIdentifier = itemIdentifier
        }
    }

    public var batchItemFailures: [Failure]

    public init(failedMessageIDs: [String]) {
        batchItemFailures = failedMessageIDs.map(Failure.init(itemIdentifier:))
    }
}
