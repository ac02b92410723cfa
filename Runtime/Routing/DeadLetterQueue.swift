#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import AWS
import Events

/// Where the router puts a message that can never succeed: the ingest queue's dead-letter queue,
/// with the reason and the original message id as attributes, so an operator sees why at once
/// instead of after `maxReceiveCount` failed deliveries.
public struct DeadLetterQueue: Sendable {
    public var sqs: SQSClient
    public var queueURL: String

    public init(sqs: SQSClient, queueURL: String) {
        self.sqs = sqs
        self.queueURL = queueURL
    }

    func send(_ record: SQSEvent.Record, reason: String) throws(AWSError) {
        let isFIFO = queueURL.hasSuffix(".fifo")
        try sqs.sendMessage(
            queueURL: queueURL,
            SQSOutgoingMessage(
                body: record.body, groupID: isFIFO ? (record.messageGroupID ?? "dead-letters") : nil,
                deduplicationID: isFIFO ? record.messageId : nil,
                attributes: ["reason": String(reason.prefix(1024)), "originalMessageId": record.messageId]))
    }
}
