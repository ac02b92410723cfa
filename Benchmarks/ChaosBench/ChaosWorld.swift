import AWS
import Foundation
import MotoPeer
import SSHPeer

/// Everything a chaos run needs: moto checking signatures and IAM (with the batch workflow's two
/// roles), a real sshd as the partner, the template's resources (`emulator up`), and the worker's
/// queue and table. Each run puts a fault proxy of its own in front of moto, which every process
/// of the engine talks through.
final class ChaosWorld {
    static let sourceBucket = "chaos-source"
    static let destinationBucket = "chaos-destination"
    static let workTable = "chaos-jobs"

    let account: MotoAccount
    let server: SSHServer
    let client: AWSClient
    let workQueue: String
    let secretID: String
    let stateDirectory: String

    var s3: S3Client { S3Client(client: client) }

    init() throws {
        account = try MotoAccount(
            userName: "chaos-operator",
            policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        server = try SSHServer()
        client = account.client(retryPolicy: .standard)
        stateDirectory = NSTemporaryDirectory() + "chaos-\(getpid())"
        for bucket in [Self.sourceBucket, Self.destinationBucket] { try account.createBucket(bucket, client: client) }
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
        workQueue = try account.createQueue(named: "chaos-work.fifo")
        try MotoTables.createPartitionKeyTable(Self.workTable, with: client)
        secretID = "partners/chaos"
        _ = try SecretsManagerClient(client: client).createSecret(name: secretID, secretString: server.userKey.privateKey)
        let up = try CommandRun.run(
            ChildProcess.built("emulator"), emulatorArguments(["up"], endpoint: account.endpoint),
            environment: emulatorEnvironment(endpoint: account.endpoint))
        guard up.status == 0 else { throw ChaosFailure("emulator up failed: \(up.stderr)") }
    }

    func stop() {
        server.stop()
        account.stop()
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }

    /// The environment of the engine's processes: the operator's keys, and `endpoint` (a run's
    /// fault proxy) for every service.
    func emulatorEnvironment(endpoint: String) -> [String: String] {
        ProcessInfo.processInfo.environment.merging(account.processEnvironment) { $1 }.merging([
            "AWS_ENDPOINT_URL": endpoint
        ]) { $1 }
    }

    func emulatorArguments(_ arguments: [String], endpoint: String) -> [String] {
        arguments + ["--template", ProjectFiles.template, "--build-dir", BuildProducts.directory, "--endpoint-url", endpoint]
    }

    /// A fault proxy in front of moto answering `rate` of the requests with a fault.
    func proxy(rate: Double, seed: UInt64) throws -> FaultProxy {
        try FaultProxy(
            upstreamPort: account.moto.port, faults: [.slowDown, .internalError, .reset], schedule: .rate(rate, seed: seed))
    }

    /// The environment of a TransferWorker on the work queue, through `endpoint`; a killed
    /// worker's message comes back after five seconds.
    func workerEnvironment(endpoint: String) -> [String: String] {
        emulatorEnvironment(endpoint: endpoint).merging([
                "WORK_QUEUE_URL": workQueue, "JOB_TABLE": Self.workTable, "STAGING_BUCKET": Self.destinationBucket,
                "RECEIVE_WAIT_SECONDS": "1", "VISIBILITY_TIMEOUT_SECONDS": "5", "RETRY_DELAY_SECONDS": "1",
                "PART_SIZE_BYTES": String(5 * 1024 * 1024),
            ]) { $1 }
    }
}

struct ChaosFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
