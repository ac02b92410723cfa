import AWS
import Jobs
import Foundation
import MotoPeer
import SSHPeer
import Worker

/// The built `TransferWorker` executable taking jobs from a FIFO queue, as in production: each
/// job's wall time from being sent to being logged as succeeded (login and verification
/// included), and the process's peak resident memory, read from /proc before it is stopped with
/// SIGTERM. The queue, table and secret are made once; each `run` starts a fresh process.
struct WorkerRun {
    let account: MotoAccount
    let server: SSHServer
    let bucket: String
    /// The secret holding the sshd user's key, for the jobs' SFTP endpoints.
    let secretID = "sftp/sftp-bench"
    private let queue: String

    struct Result {
        /// Seconds per job, in the order given.
        var seconds: [Double]
        var peakResidentMiB: Int
    }

    static let queueName = "sftp-bench-work.fifo"
    static let table = "sftp-bench-jobs"

    init(account: MotoAccount, server: SSHServer, bucket: String) throws {
        self.account = account
        self.server = server
        self.bucket = bucket
        let client = account.client(retryPolicy: .standard)
        queue = try account.createQueue(named: Self.queueName)
        try MotoTables.createPartitionKeyTable(Self.table, with: client)
        _ = try SecretsManagerClient(client: client).createSecret(name: secretID, secretString: server.userKey.privateKey)
    }

    /// The SFTP endpoint of `path` on the bench's sshd, reached through `port` (a
    /// `DelayingProxy`'s) when given.
    func sftp(_ path: String, port: UInt16? = nil) -> TransferEndpoint {
        .sftp(SFTPLocation(
            host: "127.0.0.1", port: port ?? server.port, username: server.username, path: path,
            hostKeyFingerprint: server.hostKey.fingerprint, secretID: secretID))
    }

    /// Runs `jobs` one after another in one worker process (job ids must be new: the FIFO queue
    /// drops a repeated one for five minutes).
    func run(_ jobs: [TransferJob]) throws -> Result {
        let log = NSTemporaryDirectory() + "sftp-bench-worker-\(getpid()).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: BuildProducts.directory + "/TransferWorker")
        worker.environment = account.processEnvironment.merging([
            "WORK_QUEUE_URL": queue, "JOB_TABLE": Self.table, "STAGING_BUCKET": bucket, "RECEIVE_WAIT_SECONDS": "1",
            "SFTP_TIMEOUT_SECONDS": "60",
        ]) { $1 }
        // The libssh2 this bench runs on (make bench: scripts/build-libssh2.sh's), as the package bundles it.
        if let libraryPath = ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"] {
            worker.environment?["LD_LIBRARY_PATH"] = libraryPath
        }
        worker.standardOutput = FileHandle(forWritingAtPath: log)
        worker.standardError = worker.standardOutput
        try worker.run()
        defer {
            if worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
        }

        let sqs = SQSClient(client: account.client(retryPolicy: .standard))
        var seconds: [Double] = []
        for (index, job) in jobs.enumerated() {
            seconds.append(try Timing.seconds {
                let body = String(decoding: try JSONEncoder().encode(job), as: UTF8.self)
                _ = try sqs.sendMessage(queueURL: queue, SQSOutgoingMessage(body: body, groupID: job.id, deduplicationID: job.id))
                while true {
                    let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                    if output.contains(#""event":"job.failed""#) || output.contains(#""event":"job.willRetry""#)
                        || !worker.isRunning
                    {
                        throw BenchFailure("the TransferWorker failed job \(job.id): \(output)")
                    }
                    if output.components(separatedBy: #""event":"job.succeeded""#).count - 1 == index + 1 { return }
                    usleep(20_000)
                }
            })
        }
        let peak = ProcessMemory.peakResidentMiB(of: worker.processIdentifier)
        kill(worker.processIdentifier, SIGTERM)
        worker.waitUntilExit()
        return Result(seconds: seconds, peakResidentMiB: peak)
    }
}
