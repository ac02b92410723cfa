import AWS
import Jobs
import Foundation
import MotoPeer
import SSHPeer
import Worker

/// The one moto server of the worker suites, checking signatures and IAM once the IAM user is
/// made: a bucket (destinations and staging), the checkpoint table, a FIFO queue per test, and a
/// secret per sshd holding its user key. Parts go down to 1 KiB so small files span several.
final class WorkerFixture: Sendable {
    static let region = "us-east-1"
    static let bucket = "worker-tests"
    static let table = "worker-checkpoints"
    static let partSize: Int64 = 1024 * 1024

    let account: MotoAccount

    var moto: MotoServer { account.moto }
    var credentials: AWSCredentials { account.credentials }

    private static let shared = SharedFixture { try WorkerFixture() }

    static func get() throws -> WorkerFixture {
        try shared.get()
    }

    private init() throws {
        account = try MotoAccount(
            userName: "worker-tests",
            policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","sqs:*","dynamodb:*","secretsmanager:*","sns:*"],"Resource":"*"}]}"#,
            region: Self.region)
        do {
            try account.createBucket(Self.bucket)
            try createTable()
        } catch {
            account.stop()
            throw error
        }
    }

    /// A client of moto, or of a proxy in front of it.
    func client(endpoint: String? = nil) -> AWSClient {
        account.client(endpoint: endpoint)
    }

    var s3: S3Client { S3Client(client: client()) }
    var sqs: SQSClient { SQSClient(client: client()) }
    var checkpoints: DynamoDBJobCheckpoints {
        DynamoDBJobCheckpoints(dynamoDB: DynamoDBClient(client: client()), table: Self.table)
    }

    /// Settings for a worker on `queue` that never waits: no long poll, retries due at once.
    func settings(queue: String) -> WorkerSettings {
        WorkerSettings(
            queueURL: queue, checkpointTable: Self.table, stagingBucket: Self.bucket, receiveWaitSeconds: 0,
            retryDelaySeconds: 0, partSize: Self.partSize)
    }

    /// A fresh FIFO queue, so each test sees only its own messages.
    func createQueue() throws -> String {
        try account.createQueue(named: "work-\(UUID().uuidString.prefix(8)).fifo")
    }

    /// What a child process needs to reach moto as the IAM user.
    var processEnvironment: [String: String] { account.processEnvironment }

    /// The URL of the queue named `name`.
    func queueURL(named name: String) throws -> String {
        struct Output: Decodable { var QueueUrl: String }
        return try client().json(.sqs, "GetQueueUrl", ["QueueName": name], resource: name, as: Output.self).QueueUrl
    }

    /// The built TransferWorker as a process taking jobs from `queue`, its messages coming back
    /// `visibilityTimeoutSeconds` after it stops renewing them.
    func startWorker(queue: String, visibilityTimeoutSeconds: Int) throws -> ChildProcess {
        let environment = processEnvironment.merging([
            "WORK_QUEUE_URL": queue,
            "JOB_TABLE": Self.table,
            "STAGING_BUCKET": Self.bucket,
            "PART_SIZE_BYTES": String(Self.partSize),
            "RECEIVE_WAIT_SECONDS": "1",
            "VISIBILITY_TIMEOUT_SECONDS": String(visibilityTimeoutSeconds),
        ]) { $1 }
        return try ChildProcess(executable: ChildProcess.built("TransferWorker"), environment: environment)
    }

    /// Messages waiting and messages received but neither deleted nor visible again.
    func messageCounts(queue: String) throws -> (visible: Int, inFlight: Int) {
        let attributes = try queueAttributes(["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], of: queue)
        return (
            Int(attributes["ApproximateNumberOfMessages"] ?? "") ?? -1,
            Int(attributes["ApproximateNumberOfMessagesNotVisible"] ?? "") ?? -1
        )
    }

    /// One attribute of a queue, nil when it has none.
    func queueAttribute(_ name: String, of queue: String) throws -> String? {
        try queueAttributes([name], of: queue)[name]
    }

    private func queueAttributes(_ names: [String], of queue: String) throws -> [String: String] {
        struct Input: Encodable {
            var QueueUrl: String
            var AttributeNames: [String]
        }
        struct Output: Decodable { var Attributes: [String: String]? }
        return try client().json(
            .sqs, "GetQueueAttributes", Input(QueueUrl: queue, AttributeNames: names), resource: queue, as: Output.self
        ).Attributes ?? [:]
    }

    /// Sends `job` as the producer would: grouped by partition, deduplicated by job id.
    func enqueue(_ job: TransferJob, on queue: String) throws {
        let body = String(decoding: try JSONEncoder().encode(job), as: UTF8.self)
        try sqs.sendMessage(queueURL: queue, SQSOutgoingMessage(body: body, groupID: "partition-1", deduplicationID: job.id))
    }

    /// Stores `server`'s user key as a secret and returns its name.
    func storeKey(of server: SSHServer) throws -> String {
        try storeSecret(server.userKey.privateKey)
    }

    /// Stores `text` as a new secret's string and returns its name.
    func storeSecret(_ text: String) throws -> String {
        let name = "sftp/\(UUID().uuidString.prefix(8))"
        try SecretsManagerClient(client: client()).createSecret(name: name, secretString: text)
        return name
    }

    private func createTable() throws {
        try MotoTables.createPartitionKeyTable(Self.table, with: client())
    }
}
