import AWS
import Foundation
import Jobs
import MotoPeer

/// One moto server for the job suites, checking signatures and IAM: the job table and the jobs
/// topic, to which each test subscribes a queue of its own, filtered on its job as a subscriber
/// would filter.
final class JobFixture: Sendable {
    static let table = "jobs"
    let account: MotoAccount
    let topicARN: String

    private static let shared = SharedFixture { try JobFixture() }

    static func get() throws -> JobFixture {
        try shared.get()
    }

    private init() throws {
        account = try MotoAccount(
            userName: "job-tests",
            policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:*","sns:*","sqs:*","s3:*","states:*"],"Resource":"*"}]}"#)
        do {
            let client = account.client()
            try MotoTables.createJobTable(Self.table, with: client)
            topicARN = try account.createTopic(named: "jobs")
        } catch {
            account.stop()
            throw error
        }
    }

    var store: DynamoDBJobStore { DynamoDBJobStore(dynamoDB: DynamoDBClient(client: account.client()), table: Self.table) }

    func lifecycle(actor: String = "test") -> JobLifecycle {
        JobLifecycle(store: store, notifier: JobNotifier(sns: SNSClient(client: account.client()), topicARN: topicARN), actor: actor)
    }

    /// A new queue subscribed to the topic with a filter policy on `jobId`, as a subscriber
    /// following one job would subscribe.
    func subscribe(to jobID: String) throws -> String {
        let client = account.client()
        let name = "notifications-" + String(jobID.suffix(12))
        let url = try account.createQueue(named: name)
        _ = try client.query(
            .sns, action: "Subscribe",
            parameters: [
                ("TopicArn", topicARN), ("Protocol", "sqs"), ("Endpoint", "arn:aws:sqs:\(account.region):123456789012:\(name)"),
                ("Attributes.entry.1.key", "FilterPolicy"), ("Attributes.entry.1.value", #"{"jobId": ["\#(jobID)"]}"#),
            ])
        return url
    }

    /// The message attributes of every notification on `queueURL`, in the order they arrived.
    func notifications(on queueURL: String) throws -> [[String: String]] {
        let sqs = SQSClient(client: account.client())
        var found: [[String: String]] = []
        while true {
            let messages = try sqs.receiveMessages(queueURL: queueURL, maxMessages: 10)
            guard !messages.isEmpty else { return found }
            for message in messages {
                found.append(Self.attributes(ofEnvelope: message.body) ?? [:])
                try sqs.deleteMessage(queueURL: queueURL, receiptHandle: message.receiptHandle)
            }
        }
    }

    static func newJob(key: String = UUID().uuidString, size: Int64 = 42, customer: String = "acme") throws -> Job {
        let object = Job.Object(key: key, size: size, version: "\"etag-\(key)\"")
        let id = try JobIdentity.jobID(customer: customer, sourceEndpoint: "in", destinationEndpoint: "out", object: object)
        return Job(
            id: id, customer: customer, sourceEndpoint: "in", destinationEndpoint: "out", object: object, flow: .s3ToS3,
            createdAt: "2026-11-27T10:00:00.000Z", by: "test")
    }

    /// `{"MessageAttributes": {"state": {"Type": "String", "Value": "QUEUED"}, …}}` → `["state": "QUEUED", …]`.
    private static func attributes(ofEnvelope body: String) -> [String: String]? {
        guard let envelope = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let attributes = envelope["MessageAttributes"] as? [String: [String: Any]]
        else { return nil }
        return attributes.compactMapValues { $0["Value"] as? String }
    }
}
