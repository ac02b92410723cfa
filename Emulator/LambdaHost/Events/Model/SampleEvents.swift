public import Foundation
public import StateMachine
import Timestamps

/// Sample events of every kind the emulator replays, shaped as AWS sends them: what
/// `emulator generate-event` prints, as `sam local generate-event` does.
public enum SampleEvents {
    static let account = CloudFormationResolver.accountID

    /// An S3 notification (`{"Records": [...]}`) of one object.
    /// - Parameter action: `put`, `copy`, `complete-multipart` or `delete`.
    public static func s3(action: String, bucket: String, key: String, size: Int64, eTag: String, region: String, time: Date = Date()) -> JSONValue {
        let names = ["put": "ObjectCreated:Put", "copy": "ObjectCreated:Copy", "complete-multipart": "ObjectCreated:CompleteMultipartUpload",
                     "delete": "ObjectRemoved:Delete"]
        let object = S3ObjectEvent(
            bucket: bucket, key: key, size: size, eTag: eTag, versionID: nil, sequencer: sequencer(time), eventName: names[action] ?? action,
            time: time)
        return ["Records": [object.notificationRecord(configurationID: "emulator-sample", region: region)]]
    }

    /// The EventBridge `Object Created` event S3 sends for a bucket with EventBridge enabled.
    public static func s3ObjectCreated(bucket: String, key: String, size: Int64, eTag: String, region: String, time: Date = Date()) -> JSONValue {
        S3ObjectEvent(
            bucket: bucket, key: key, size: size, eTag: eTag, versionID: nil, sequencer: sequencer(time), eventName: "ObjectCreated:Put", time: time
        ).eventBridgeEvent(region: region, account: account)
    }

    /// An EventBridge event as `PutEvents` makes it from an entry.
    public static func eventBridge(source: String, detailType: String, detail: JSONValue, region: String, time: Date = Date()) -> JSONValue {
        EventEnvelope.make(source: source, detailType: detailType, detail: detail, time: time, region: region, account: account)
    }

    /// The event a scheduled rule sends.
    public static func schedule(rule: String, region: String, time: Date = Date()) -> JSONValue {
        EventEnvelope.scheduled(ruleARN: "arn:aws:events:\(region):\(account):rule/\(rule)", time: time, region: region, account: account)
    }

    /// An SQS event of one message, as a mapping hands it to a function.
    /// - Parameter group: the message group, for a FIFO queue (whose name ends in `.fifo`).
    public static func sqs(queue: String, body: String, group: String?, region: String, time: Date = Date()) -> JSONValue {
        let millis = String(Int64(time.timeIntervalSince1970 * 1000))
        var attributes: [String: JSONValue] = [
            "ApproximateReceiveCount": "1", "SentTimestamp": .string(millis), "SenderId": "AIDAEMULATOR",
            "ApproximateFirstReceiveTimestamp": .string(millis),
        ]
        if let group {
            attributes["MessageGroupId"] = .string(group)
            attributes["MessageDeduplicationId"] = .string(UUID().uuidString.lowercased())
            attributes["SequenceNumber"] = "18849496460467696128"
        }
        let id = UUID().uuidString.lowercased()
        return ["Records": [[
            "messageId": .string(id), "receiptHandle": .string("sample-receipt-\(id)"), "body": .string(body),
            "attributes": .object(attributes), "messageAttributes": [:], "md5OfBody": .string(md5Hex(body)),
            "eventSource": "aws:sqs", "eventSourceARN": .string("arn:aws:sqs:\(region):\(account):\(queue)"), "awsRegion": .string(region),
        ]]]
    }

    /// An SNS event of one notification, as SNS invokes a subscribed function.
    public static func sns(topic: String, message: String, subject: String?, region: String, time: Date = Date()) -> JSONValue {
        let topicARN = "arn:aws:sns:\(region):\(account):\(topic)"
        let notification: JSONValue = [
            "Type": "Notification", "MessageId": .string(UUID().uuidString.lowercased()), "TopicArn": .string(topicARN),
            "Subject": subject.map(JSONValue.string) ?? .null, "Message": .string(message),
            "Timestamp": .string(ISO8601Timestamp.format(time)), "SignatureVersion": "1", "Signature": "EXAMPLE",
            "SigningCertUrl": "https://sns.amazonaws.com/SimpleNotificationService.pem", "UnsubscribeUrl": "https://sns.amazonaws.com/unsubscribe",
            "MessageAttributes": [:],
        ]
        return ["Records": [[
            "EventSource": "aws:sns", "EventVersion": "1.0",
            "EventSubscriptionArn": .string("\(topicARN):\(UUID().uuidString.lowercased())"), "Sns": notification,
        ]]]
    }

    /// An API Gateway REST API proxy request (payload format 1.0).
    public static func apiGatewayREST(method: String, path: String, body: String?, region: String, time: Date = Date()) -> JSONValue {
        [
            "resource": .string(path), "path": .string(path), "httpMethod": .string(method.uppercased()),
            "headers": ["Content-Type": "application/json", "Host": "localhost"], "multiValueHeaders": ["Content-Type": ["application/json"]],
            "queryStringParameters": .null, "multiValueQueryStringParameters": .null, "pathParameters": .null, "stageVariables": .null,
            "requestContext": [
                "accountId": .string(account), "resourcePath": .string(path), "httpMethod": .string(method.uppercased()), "stage": "local",
                "requestId": .string(UUID().uuidString.lowercased()), "path": .string("/local\(path)"), "protocol": "HTTP/1.1",
                "requestTimeEpoch": .int(Int64(time.timeIntervalSince1970 * 1000)), "identity": ["sourceIp": "127.0.0.1"],
            ],
            "body": body.map(JSONValue.string) ?? .null, "isBase64Encoded": false,
        ]
    }

    /// An API Gateway HTTP API request (payload format 2.0).
    public static func apiGatewayHTTP(method: String, path: String, body: String?, region: String, time: Date = Date()) -> JSONValue {
        [
            "version": "2.0", "routeKey": .string("\(method.uppercased()) \(path)"), "rawPath": .string(path), "rawQueryString": "",
            "headers": ["content-type": "application/json", "host": "localhost"],
            "requestContext": [
                "accountId": .string(account), "apiId": "emulator", "domainName": "localhost", "domainPrefix": "localhost",
                "http": ["method": .string(method.uppercased()), "path": .string(path), "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"],
                "requestId": .string(UUID().uuidString.lowercased()), "routeKey": .string("\(method.uppercased()) \(path)"), "stage": "$default",
                "time": .string(EventTime.format(time)), "timeEpoch": .int(Int64(time.timeIntervalSince1970 * 1000)),
            ],
            "body": body.map(JSONValue.string) ?? .null, "isBase64Encoded": false,
        ]
    }

    /// The MD5 of a body in hex, as SQS gives `MD5OfBody`.
    static func md5Hex(_ text: String) -> String {
        (MessageDigest.hash(Array(text.utf8), algorithm: "MD5") ?? []).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// A sequencer that grows with time, as S3's does for one key.
    static func sequencer(_ time: Date) -> String {
        String(UInt64(time.timeIntervalSince1970 * 1_000_000), radix: 16, uppercase: true)
    }
}
