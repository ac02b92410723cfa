import AWS
import Foundation
import StateMachine

/// Messages published to the template's topics that functions subscribe to, by any client,
/// delivered to those functions as SNS invokes them.
///
/// moto delivers a topic's messages to SQS subscribers itself, so every such topic gets one more
/// subscriber: a queue of the emulator's (`emulator-topic-events`), which this source long-polls.
/// Each message, SNS's notification document, becomes the `Records[].Sns` event of every function
/// subscribed to its topic whose filter policy admits it; it is deleted only after those deliveries, so none is lost or
/// delivered twice.
final class TopicEventSource: Sendable {
    let plane: EventPlane
    let client: AWSClient
    let queueURL: String
    /// The subscriptions by topic ARN, each with the subscription ARN its function's records carry.
    let subscriptions: [String: [(subscription: TopicSubscription, arn: String)]]

    static let queueName = "emulator-topic-events"

    private init(plane: EventPlane, client: AWSClient, queueURL: String, subscriptions: [String: [(subscription: TopicSubscription, arn: String)]]) {
        self.plane = plane
        self.client = client
        self.queueURL = queueURL
        self.subscriptions = subscriptions
    }

    /// Creates the queue and subscribes it to every topic a function subscribes to; nil when none does.
    static func prepare(plane: EventPlane, client: AWSClient) async throws(AWSError) -> TopicEventSource? {
        var subscriptions: [String: [(subscription: TopicSubscription, arn: String)]] = [:]
        for subscription in plane.wiring.topicSubscriptions {
            subscriptions[subscription.topicARN, default: []].append(
                (subscription, "\(subscription.topicARN):\(UUID().uuidString.lowercased())"))
        }
        guard !subscriptions.isEmpty else { return nil }
        let queueARN = "arn:aws:sqs:\(plane.region):\(plane.account):\(queueName)"
        let topics = subscriptions.keys.sorted()
        let queueURL = try await OffloadedCall.run { () throws(AWSError) -> String in
            let created = try client.json(.sqs, "CreateQueue", ["QueueName": .string(queueName)], resource: queueName)
            for topic in topics {
                _ = try client.query(
                    .sns, action: "Subscribe", parameters: [("TopicArn", topic), ("Protocol", "sqs"), ("Endpoint", queueARN)], resource: topic)
            }
            return created["QueueUrl"]?.stringValue ?? ""
        }
        return TopicEventSource(plane: plane, client: client, queueURL: queueURL, subscriptions: subscriptions)
    }

    var topics: [String] { subscriptions.keys.sorted() }

    /// Polls until cancelled.
    func run() async {
        await EmulatorQueue(client: client, url: queueURL).run(label: "topic messages", log: plane.log) { notification in
            let topic = notification["TopicArn"]?.stringValue ?? ""
            let message = notification["Message"]?.stringValue ?? ""
            for (subscription, arn) in subscriptions[topic] ?? []
            where subscription.admits(message: message, attributes: notification["MessageAttributes"]) {
                let record = Self.record(of: notification, subscriptionARN: arn)
                _ = await plane.hop(
                    JSONValue.object(["Records": [record]]).serialized(), to: .function(subscription.function),
                    label: "subscription to \(topic.split(separator: ":").last ?? "")", dryRun: false)
            }
        }
    }

    /// SNS's record for a function: the notification document with Lambda's spelling of its URL fields.
    static func record(of notification: JSONValue, subscriptionARN: String) -> JSONValue {
        [
            "EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn": .string(subscriptionARN),
            "Sns": [
                "Type": notification["Type"] ?? "Notification", "MessageId": notification["MessageId"] ?? .null,
                "TopicArn": notification["TopicArn"] ?? .null, "Subject": notification["Subject"] ?? .null,
                "Message": notification["Message"] ?? "", "Timestamp": notification["Timestamp"] ?? .null,
                "SignatureVersion": notification["SignatureVersion"] ?? "1", "Signature": notification["Signature"] ?? .null,
                "SigningCertUrl": notification["SigningCertURL"] ?? .null, "UnsubscribeUrl": notification["UnsubscribeURL"] ?? .null,
                "MessageAttributes": notification["MessageAttributes"] ?? .object([:]),
            ],
        ]
    }
}
