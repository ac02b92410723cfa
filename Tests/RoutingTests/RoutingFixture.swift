import AWS
import Events
import Foundation
import Jobs
import LineLogging
import MotoPeer
import Routing

/// One moto server for the router suites, checking signatures and IAM: the job table, the endpoint
/// table with its bucket index, the jobs topic and the one-object state machine. Each test makes
/// its own queues and endpoints (`World`), so tests never see each other's jobs.
final class RoutingFixture: Sendable {
    static let jobTable = "router-jobs"
    static let endpointTable = "router-endpoints"
    static let scheduleTable = "router-schedules"
    let account: MotoAccount
    let stateMachineARN: String
    let topicARN: String

    private static let shared = SharedFixture { try RoutingFixture() }

    static func get() throws -> RoutingFixture {
        try shared.get()
    }

    private init() throws {
        account = try MotoAccount(
            userName: "router-tests",
            policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:*","sns:*","sqs:*","states:*","s3:*"],"Resource":"*"}]}"#)
        do {
            let client = account.client()
            try MotoTables.createJobTable(Self.jobTable, with: client)
            try Self.createEndpointTable(client)
            try Self.createScheduleTable(client)
            topicARN = try account.createTopic(named: "router-jobs")
            stateMachineARN = try Self.createStateMachine(client)
        } catch {
            account.stop()
            throw error
        }
    }

    /// A router as one region's function would be, with its own queues.
    func router(owner: String, world: World, leaseSeconds: Int64 = 30, now: (@Sendable () -> Int64)? = nil) -> Router {
        let client = account.client()
        let dynamoDB = DynamoDBClient(client: client)
        var leases = PartitionLeases(dynamoDB: dynamoDB, table: Self.jobTable, duration: .seconds(leaseSeconds))
        if let now { leases.now = now }
        return Router(
            jobs: JobLifecycle(
                store: DynamoDBJobStore(dynamoDB: dynamoDB, table: Self.jobTable),
                notifier: JobNotifier(sns: SNSClient(client: client), topicARN: topicARN), actor: owner),
            leases: leases, catalog: catalog,
            dispatcher: JobDispatcher(
                sqs: SQSClient(client: client), workQueueURL: world.workQueueURL, stepFunctions: StepFunctionsClient(client: client),
                stateMachineARN: stateMachineARN, stateMachineLimitBytes: 1024 * 1024),
            deadLetters: DeadLetterQueue(sqs: SQSClient(client: client), queueURL: world.deadLetterQueueURL),
            schedules: schedules, owner: owner, log: LineLogger(format: .json, minimumLevel: .error))
    }

    var catalog: DynamoDBEndpointCatalog {
        DynamoDBEndpointCatalog(dynamoDB: DynamoDBClient(client: account.client()), table: Self.endpointTable)
    }

    var schedules: DynamoDBScheduleCatalog {
        DynamoDBScheduleCatalog(dynamoDB: DynamoDBClient(client: account.client()), table: Self.scheduleTable)
    }

    var store: DynamoDBJobStore {
        DynamoDBJobStore(dynamoDB: DynamoDBClient(client: account.client()), table: Self.jobTable)
    }

    /// The names of the one-object state machine's executions, one per started job.
    func executionNames() throws -> [String] {
        struct Input: Encodable {
            var stateMachineArn: String
            var maxResults = 1000
            var nextToken: String?
        }
        struct Output: Decodable {
            struct Execution: Decodable { var name: String }
            var executions: [Execution]
            var nextToken: String?
        }
        var names: [String] = []
        var token: String?
        repeat {
            let page = try account.client().json(
                .stepFunctions, "ListExecutions", Input(stateMachineArn: stateMachineARN, nextToken: token), as: Output.self)
            names += page.executions.map(\.name)
            token = page.nextToken
        } while token != nil
        return names
    }

    /// Every message on `queueURL`, each received once and deleted.
    func drain(_ queueURL: String) throws -> [SQSMessage] {
        let sqs = SQSClient(client: account.client())
        var messages: [SQSMessage] = []
        while true {
            let batch = try sqs.receiveMessages(queueURL: queueURL, maxMessages: 10, visibilityTimeout: 60)
            guard !batch.isEmpty else { return messages }
            for message in batch { try sqs.deleteMessage(queueURL: queueURL, receiptHandle: message.receiptHandle) }
            messages += batch
        }
    }

    private static func createEndpointTable(_ client: AWSClient) throws {
        let definition = #"""
            {"TableName": "\#(endpointTable)", "BillingMode": "PAY_PER_REQUEST",
             "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "bucket", "AttributeType": "S"}],
             "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
             "GlobalSecondaryIndexes": [{"IndexName": "\#(DynamoDBEndpointCatalog.bucketIndex)",
               "KeySchema": [{"AttributeName": "bucket", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}]}
            """#
        _ = try client.json(.dynamoDB, "CreateTable", body: Array(definition.utf8))
    }

    /// The template's schedule table: `pk`, and the sparse `Due` index of active schedules by `dueAt`.
    private static func createScheduleTable(_ client: AWSClient) throws {
        let definition = #"""
            {"TableName": "\#(scheduleTable)", "BillingMode": "PAY_PER_REQUEST",
             "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "due", "AttributeType": "S"},
                                      {"AttributeName": "dueAt", "AttributeType": "S"}],
             "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
             "GlobalSecondaryIndexes": [{"IndexName": "\#(TransferSchedule.dueIndex)",
               "KeySchema": [{"AttributeName": "due", "KeyType": "HASH"}, {"AttributeName": "dueAt", "KeyType": "RANGE"}],
               "Projection": {"ProjectionType": "ALL"}}]}
            """#
        _ = try client.json(.dynamoDB, "CreateTable", body: Array(definition.utf8))
    }

    private static func createStateMachine(_ client: AWSClient) throws -> String {
        struct Input: Encodable {
            var name = "one-object"
            var definition = #"{"StartAt": "Copy", "States": {"Copy": {"Type": "Pass", "End": true}}}"#
            var roleArn = "arn:aws:iam::123456789012:role/one-object"
        }
        struct Output: Decodable { var stateMachineArn: String }
        return try client.json(.stepFunctions, "CreateStateMachine", Input(), as: Output.self).stateMachineArn
    }
}

/// One test's world: its queues, its buckets' endpoints, and events for them.
struct World {
    let name: String
    let workQueueURL: String
    let deadLetterQueueURL: String

    init(_ fixture: RoutingFixture) throws {
        name = "w" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        workQueueURL = try fixture.account.createQueue(named: "\(name)-work.fifo")
        deadLetterQueueURL = try fixture.account.createQueue(named: "\(name)-dead")
    }

    var bucket: String { "\(name)-landing" }

    /// An `Object Created` message for `key` in this world's bucket, as the ingest queue holds it.
    func event(_ key: String, size: Int64 = 100, etag: String = "\"e1\"", messageID: String = UUID().uuidString, group: String = "g")
        throws -> SQSEvent.Record
    {
        let body = try JSONEncoder().encode(S3ObjectCreatedEvent(bucket: bucket, key: key, size: size, etag: etag))
        return SQSEvent.Record(messageId: messageID, body: String(decoding: body, as: UTF8.self), attributes: ["MessageGroupId": group])
    }
}
