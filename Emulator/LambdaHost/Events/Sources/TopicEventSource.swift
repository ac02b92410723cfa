import AWS
import Foundation
import StateMachine

/// Messages published to the template's topics that functions subscribe to, by any client,
/// delivered to those functions as SNS invokes them.
///
/// moto delivers a topic's messages to SQS subscribers itself, so every such topic gets one more
/// subscriber: a queue of this run's (``EmulatorQueue``, `emulator-topic-events-…`), which this
/// source long-polls, and unsubscribes and deletes when it stops.
/// Each message, SNS's notification document, becomes the `Records[].Sns` event of every function
/// subscribed to its topic whose filter policy admits it; it is deleted only after those deliveries, so none is lost or
/// delivered twice.
final class TopicEventSource: Sendable {
    let plane: EventPlane
    let client: AWSClient
    let queue: EmulatorQueue
    /// The subscriptions by topic ARN, each with the subscription ARN its function's records carry.
    let subscriptions: [String: [(subscription: TopicSubscription, arn: String)]]
    /// The queue's own subscriptions on moto, one per topic.
    let queueSubscriptions: [String]

    private init(
        plane: EventPlane, client: AWSClient, queue: EmulatorQueue, subscriptions: [String: [(subscription: TopicSubscription, arn: String)]],
        queueSubscriptions: [String]
    ) {
        self.plane = plane
        self.client = client
        self.queue = queue
        self.subscriptions = subscriptions
        self.queueSubscriptions = queueSubscriptions
    }

    /// Creates the queue and subscribes it to every topic a function subscribes to; nil when none does.
    static func prepare(plane: EventPlane, client: AWSClient) async throws(AWSError) -> TopicEventSource? {
        var subscriptions: [String: [(subscription: TopicSubscription, arn: String)]] = [:]
        for subscription in plane.wiring.topicSubscriptions {
            subscriptions[subscription.topicARN, default: []].append(
                (subscription, "\(subscription.topicARN):\(UUID().uuidString.lowercased())"))
        }
        guard !subscriptions.isEmpty else { return nil }
        let (region, account) = (plane.region, plane.account)
        let topics = subscriptions.keys.sorted()
        let (queue, queueSubscriptions) = try await OffloadedCall.run { () throws(AWSError) -> (EmulatorQueue, [String]) in
            let queue = try EmulatorQueue.create(purpose: "topic-events", client: client, region: region, account: account)
            let subscribed = try topics.map { topic throws(AWSError) in
                try client.query(.sns, action: "Subscribe", parameters: [("TopicArn", topic), ("Protocol", "sqs"), ("Endpoint", queue.arn)], resource: topic)
                    .value("SubscriptionArn") ?? ""
            }
            return (queue, subscribed)
        }
        return TopicEventSource(plane: plane, client: client, queue: queue, subscriptions: subscriptions, queueSubscriptions: queueSubscriptions)
    }

    var topics: [String] { subscriptions.keys.sorted() }

    /// Polls until cancelled, then unsubscribes the queue (SNS would fail to deliver to a queue
    /// that is gone) and deletes it.
    func run() async {
        await queue.run(label: "topic messages", log: plane.log) { notification in
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
        let (client, queue, queueSubscriptions) = (self.client, self.queue, self.queueSubscriptions)
        do {
            try await OffloadedCall.run { () throws(AWSError) in
                for subscription in queueSubscriptions {
                    _ = try client.query(.sns, action: "Unsubscribe", parameters: [("SubscriptionArn", subscription)], resource: subscription)
                }
                try queue.delete()
            }
        } catch {
            plane.log("topic messages: cannot unsubscribe and delete the queue \(queue.name): \(error)")
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
