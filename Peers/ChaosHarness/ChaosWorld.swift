public import AWS
import Foundation
public import Jobs
public import MotoPeer
public import SSHPeer

/// Everything a chaos run needs: moto checking signatures and IAM (with the batch workflow's two
/// roles), a real sshd as the partner, the template's resources (`emulator up`: the job table,
/// the work queue, the endpoint table), and a customer whose landing bucket pushes each object to
/// an archive bucket through the Router. Each run puts a fault proxy of its own in front of moto,
/// which every process of the engine talks through.
public final class ChaosWorld: Sendable {
    public static let sourceBucket = "chaos-source"
    public static let destinationBucket = "chaos-destination"
    /// The customer's buckets: an object created under `landing/in/` is routed to `archive/out/`.
    public static let landingBucket = "chaos-landing"
    public static let archiveBucket = "chaos-archive"
    public static let customer = "chaos"
    public static let (landingEndpoint, archiveEndpoint) = ("chaos-landing", "chaos-archive")
    /// The template's job table and work queue, which the Router writes and the workers read.
    public static let jobTable = "JobTable"
    public static let workQueue = "https://sqs.us-east-1.amazonaws.com/123456789012/local-work.fifo"

    public let account: MotoAccount
    public let server: SSHServer
    public let client: AWSClient
    public let secretID: String
    public let stateDirectory: String
    /// Objects per child execution of the batch copy.
    public let batchItems: Int

    public var s3: S3Client { S3Client(client: client) }
    public var jobs: DynamoDBJobStore { DynamoDBJobStore(dynamoDB: DynamoDBClient(client: client), table: Self.jobTable) }

    /// - Parameter batchItems: objects per child execution (the template's `BatchMaxItems`).
    public init(batchItems: Int = 100) throws {
        self.batchItems = batchItems
        account = try MotoAccount(
            userName: "chaos-operator",
            policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        server = try SSHServer()
        client = account.client(retryPolicy: .standard)
        stateDirectory = NSTemporaryDirectory() + "chaos-\(getpid())-\(UUID().uuidString.prefix(8))"
        for bucket in [Self.sourceBucket, Self.destinationBucket, Self.landingBucket, Self.archiveBucket] {
            try account.createBucket(bucket, client: client)
        }
        let source = "arn:aws:s3:::\(Self.sourceBucket)"
        let destination = "arn:aws:s3:::\(Self.destinationBucket)"
        try account.createRole(named: "transfer-source-reader", assumableBy: account.user.arn, policy: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"\(source)"},\
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"\(source)/*"}]}
            """, client: client)
        try account.createRole(named: "transfer-destination-writer", assumableBy: account.user.arn, policy: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"\(destination)"},\
            {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:AbortMultipartUpload"],"Resource":"\(destination)/*"},\
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"\(source)/*"}]}
            """, client: client)
        secretID = "partners/chaos"
        _ = try SecretsManagerClient(client: client).createSecret(name: secretID, secretString: server.userKey.privateKey)
        let up = try CommandRun.run(
            ChildProcess.built("emulator"), emulatorArguments(["up"], endpoint: account.endpoint),
            environment: emulatorEnvironment(endpoint: account.endpoint))
        guard up.status == 0 else { throw ChaosFailure("emulator up failed: \(up.stderr)") }
        let catalog = DynamoDBEndpointCatalog(dynamoDB: DynamoDBClient(client: client), table: "EndpointTable")
        try catalog.put(
            CustomerEndpoint(id: Self.archiveEndpoint, customer: Self.customer, location: .s3(bucket: Self.archiveBucket, prefix: "out/")))
        try catalog.put(
            CustomerEndpoint(
                id: Self.landingEndpoint, customer: Self.customer, location: .s3(bucket: Self.landingBucket, prefix: "in/"),
                pushTo: [Self.archiveEndpoint]))
    }

    public func stop() {
        server.stop()
        account.stop()
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }

    /// The environment of the engine's processes: the operator's keys, and `endpoint` (a run's
    /// fault proxy) for every service.
    public func emulatorEnvironment(endpoint: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.merging(account.processEnvironment) { $1 }
        environment["AWS_SESSION_TOKEN"] = nil
        environment["AWS_ENDPOINT_URL"] = endpoint
        return environment
    }

    /// `arguments` of an emulator command against the project's template through `endpoint`:
    /// batches of `batchItems`, every routed copy to the worker's queue (`StateMachineLimitBytes`
    /// 1), partition leases of three seconds, so a killed Router's partitions come back soon.
    public func emulatorArguments(_ arguments: [String], endpoint: String) -> [String] {
        arguments + ["--template", ProjectFiles.template, "--build-dir", BuildProducts.directory, "--endpoint-url", endpoint, "--parameter-overrides"]
            + parameters
    }

    /// The template's parameters for every emulator of the run.
    var parameters: [String] { ["BatchMaxItems=\(batchItems)", "StateMachineLimitBytes=1", "PartitionLeaseSeconds=3"] }

    /// A fault proxy in front of moto answering `rate` of the requests with a fault.
    public func proxy(rate: Double, seed: UInt64) throws -> FaultProxy {
        try FaultProxy(
            upstreamPort: account.moto.port, faults: [.slowDown, .internalError, .reset], schedule: .rate(rate, seed: seed),
            concurrent: true)
    }

    /// The environment of a TransferWorker on the template's work queue and job table, through
    /// `endpoint`; a killed worker's message comes back after five seconds.
    public func workerEnvironment(endpoint: String) -> [String: String] {
        emulatorEnvironment(endpoint: endpoint).merging([
            "WORK_QUEUE_URL": Self.workQueue, "JOB_TABLE": Self.jobTable, "STAGING_BUCKET": Self.destinationBucket,
            "RECEIVE_WAIT_SECONDS": "1", "VISIBILITY_TIMEOUT_SECONDS": "5", "RETRY_DELAY_SECONDS": "1",
            "PART_SIZE_BYTES": String(5 * 1024 * 1024),
        ]) { $1 }
    }
}

public struct ChaosFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
