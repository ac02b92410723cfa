import AWS
import Jobs
import Foundation
import MotoPeer
import SSHPeer
import Worker

/// The built `TransferWorker` executable taking jobs from a FIFO queue, as in production: the
/// wall time from the first job sent to the last one verified, and the process's peak resident
/// memory, read from /proc before it is stopped with SIGTERM.
struct WorkerRun {
    let account: MotoAccount
    let server: SSHServer
    let bucket: String

    struct Result {
        var seconds: Double
        var peakResidentMiB: Int
    }

    static let queueName = "sftp-bench-work.fifo"
    static let table = "sftp-bench-jobs"

    /// Runs `jobs` (built with the secret's name) in one worker process.
    func run(_ jobs: (_ secretID: String) -> [TransferJob]) throws -> Result {
        let client = account.client(retryPolicy: .standard)
        let queue = try account.createQueue(named: Self.queueName)
        try MotoTables.createPartitionKeyTable(Self.table, with: client)
        let secret = "sftp/sftp-bench"
        _ = try SecretsManagerClient(client: client).createSecret(name: secret, secretString: server.userKey.privateKey)

        let log = NSTemporaryDirectory() + "sftp-bench-worker-\(getpid()).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: BuildProducts.directory + "/TransferWorker")
        worker.environment = account.processEnvironment.merging([
            "WORK_QUEUE_URL": queue, "JOB_TABLE": Self.table, "STAGING_BUCKET": bucket, "RECEIVE_WAIT_SECONDS": "1",
        ]) { $1 }
        worker.standardOutput = FileHandle(forWritingAtPath: log)
        worker.standardError = worker.standardOutput
        try worker.run()
        defer {
            if worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
        }

        let batch = jobs(secret)
        let seconds = try Timing.seconds {
            let sqs = SQSClient(client: client)
            for job in batch {
                let body = String(decoding: try JSONEncoder().encode(job), as: UTF8.self)
                _ = try sqs.sendMessage(queueURL: queue, SQSOutgoingMessage(body: body, groupID: job.id, deduplicationID: job.id))
            }
            while true {
                let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if output.contains(#""event":"job.failed""#) || !worker.isRunning {
                    throw BenchFailure("the TransferWorker failed a job: \(output)")
                }
                if output.components(separatedBy: #""event":"job.succeeded""#).count - 1 == batch.count { return }
                usleep(50_000)
            }
        }
        let peak = ProcessMemory.peakResidentMiB(of: worker.processIdentifier)
        kill(worker.processIdentifier, SIGTERM)
        worker.waitUntilExit()
        return Result(seconds: seconds, peakResidentMiB: peak)
    }
}
