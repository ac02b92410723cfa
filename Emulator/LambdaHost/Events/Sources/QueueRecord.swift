import Foundation
import StateMachine

/// An SQS message as Lambda hands it to a function: one record of `{"Records": [...]}`.
///
/// Built from `ReceiveMessage`'s answer with every attribute Lambda passes on: the system
/// attributes as strings (`ApproximateReceiveCount`, `SentTimestamp`, `SenderId`,
/// `ApproximateFirstReceiveTimestamp`, and on FIFO queues `SequenceNumber`, `MessageGroupId`,
/// `MessageDeduplicationId`), the message attributes in Lambda's lower-camel form, the body's MD5,
/// and where the record comes from.
struct QueueRecord: Sendable {
    let messageID: String
    let receiptHandle: String
    let groupID: String?
    let record: JSONValue

    /// The system attributes Lambda puts in a record's `attributes`.
    static let systemAttributes: Set<String> = [
        "ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp", "SequenceNumber",
        "MessageGroupId", "MessageDeduplicationId", "AWSTraceHeader",
    ]

    init?(message: JSONValue, queueARN: String, region: String) {
        guard let messageID = message["MessageId"]?.stringValue, let receiptHandle = message["ReceiptHandle"]?.stringValue else {
            return nil
        }
        self.messageID = messageID
        self.receiptHandle = receiptHandle
        let attributes = (message["Attributes"]?.objectValue ?? [:]).filter { Self.systemAttributes.contains($0.key) }
        groupID = attributes["MessageGroupId"]?.stringValue
        var messageAttributes: [String: JSONValue] = [:]
        for (name, value) in message["MessageAttributes"]?.objectValue ?? [:] {
            var attribute: [String: JSONValue] = [
                "stringListValues": [], "binaryListValues": [], "dataType": value["DataType"] ?? "String",
            ]
            if let text = value["StringValue"] { attribute["stringValue"] = text }
            if let binary = value["BinaryValue"] { attribute["binaryValue"] = binary }
            messageAttributes[name] = .object(attribute)
        }
        var record: [String: JSONValue] = [
            "messageId": .string(messageID), "receiptHandle": .string(receiptHandle), "body": message["Body"] ?? "",
            "attributes": .object(attributes), "messageAttributes": .object(messageAttributes),
            "md5OfBody": message["MD5OfBody"] ?? "", "eventSource": "aws:sqs", "eventSourceARN": .string(queueARN),
            "awsRegion": .string(region),
        ]
        if let digest = message["MD5OfMessageAttributes"] { record["md5OfMessageAttributes"] = digest }
        self.record = .object(record)
    }

    /// The record as event filters see it: the body parsed when it is JSON, as Lambda's filtering does.
    var filterable: JSONValue {
        guard case .object(var members) = record, let body = members["body"]?.stringValue,
            let parsed = try? JSONValue(parsing: body), parsed.objectValue != nil
        else { return record }
        members["body"] = parsed
        return .object(members)
    }
}

extension QueueRecord {
    /// A record as recorded in an SQS event (a replayed sample), kept as it is.
    init?(recorded record: JSONValue) {
        guard record.objectValue != nil else { return nil }
        messageID = record["messageId"]?.stringValue ?? UUID().uuidString
        receiptHandle = record["receiptHandle"]?.stringValue ?? ""
        groupID = record["attributes"]?["MessageGroupId"]?.stringValue
        self.record = record
    }
}
