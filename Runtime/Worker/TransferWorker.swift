public import AWS
public import Jobs
import LineLogging
public import TransferCore
import SFTPTransfer

/// The long-running worker: takes one job at a time from `work.fifo`, runs it while a heartbeat
/// keeps its message invisible, and deletes the message only once the result is verified.
///
/// Failures are settled by `MessageDisposition`. On a stop request (SIGTERM) it takes no new
/// message, the running flow stops at its next part, and the message is made visible again for
/// another worker, whose attempt resumes from the recorded upload.
public final class TransferWorker: Sendable {
    public let settings: WorkerSettings
    public let queue: any JobQueue
    public let runner: JobRunner
    public let stop: StopFlag
    let log: LineLogger
    let reporting: JobReporting
    /// What a pull run needs beyond a transfer's; nil when the worker takes none.
    let pull: PullRun?

    /// The worker of the container: SQS, S3, Secrets Manager and, unless `checkpoints` is given,
    /// DynamoDB, all through `client`. Jobs with a record in the job table are reported there (and
    /// on `settings.jobsTopicARN`).
    ///
    /// - Parameters:
    ///   - log: receives each JSON log line, newline included (stdout in the executable).
    public convenience init(
        settings: WorkerSettings, client: AWSClient, checkpoints: (any JobCheckpoints)? = nil, stop: StopFlag,
        log: @escaping @Sendable (String) -> Void
    ) {
        let runner = JobRunner(
            s3: S3Client(client: client), secrets: SecretsManagerClient(client: client),
            sessions: SFTPSessionLimiter(sessionsPerEndpoint: settings.sessionsPerEndpoint),
            checkpoints: checkpoints
                ?? DynamoDBJobCheckpoints(dynamoDB: DynamoDBClient(client: client), table: settings.checkpointTable),
            stagingBucket: settings.stagingBucket, partSize: settings.partSize,
            sftpTimeout: .seconds(settings.sftpTimeoutSeconds), parallelUpload: settings.parallelUpload, stop: stop)
        let jobs = JobLifecycle(
            store: DynamoDBJobStore(dynamoDB: DynamoDBClient(client: client), table: settings.checkpointTable),
            notifier: settings.jobsTopicARN.map { JobNotifier(sns: SNSClient(client: client), topicARN: $0) },
            actor: "worker@\(client.region)")
        let pull = settings.ingestQueueURL.map {
            PullRun(
                seenFiles: DynamoDBSeenFileStore(dynamoDB: DynamoDBClient(client: client), table: settings.checkpointTable),
                ingest: SQSClient(client: client), ingestQueueURL: $0, settleSeconds: settings.pullSettleSeconds)
        }
        self.init(settings: settings, queue: SQSClient(client: client), runner: runner, jobs: jobs, pull: pull, log: log)
    }

    /// A worker taking jobs from `queue` and running them with `runner`, reporting them through
    /// `jobs` when given, and pull runs with `pull`; it stops when `runner.stop` is raised.
    public init(
        settings: WorkerSettings, queue: any JobQueue, runner: JobRunner, jobs: JobLifecycle? = nil, pull: PullRun? = nil,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.pull = pull
        self.settings = settings
        self.queue = queue
        self.runner = runner
        self.stop = runner.stop
        self.log = .worker(write: log)
        reporting = JobReporting(lifecycle: jobs, log: self.log)
    }

    /// Handles messages until a stop is requested. A failing receive is logged and retried after a
    /// pause that a stop request cuts short.
    public func run() {
        log.info("worker.started", ["queue": settings.queueURL])
        while !stop.isRequested {
            do {
                _ = try processNext()
            } catch {
                log.error("worker.receiveFailed", ["reason": "\(error)"])
                stop.wait(seconds: 5)
            }
        }
        log.info("worker.stopped")
    }

    /// Receives at most one message, long-polling, and handles it.
    ///
    /// - Returns: what became of the message; nil when none arrived.
    public func processNext() throws(AWSError) -> WorkerEvent? {
        let received = try queue.receiveMessages(
            queueURL: settings.queueURL, maxMessages: 1, waitSeconds: settings.receiveWaitSeconds,
            visibilityTimeout: settings.visibilityTimeoutSeconds, attributeNames: ["All"], messageAttributeNames: ["All"])
        guard let message = received.first else { return nil }
        if stop.isRequested {
            settle(message, jobID: nil, MessageDisposition.after(.stopped, retryDelaySeconds: 0))
            return WorkerEvent(messageID: message.messageID, jobID: nil, outcome: .stopped)
        }
        return handle(message)
    }
}

/// What the worker did with one message.
public struct WorkerEvent: Sendable {
    public var messageID: String
    /// Nil when the body was no job, or the message was put back unread.
    public var jobID: String?
    public var outcome: MessageDisposition.Outcome
    public var report: JobReport?
    public var error: TransferError?

    public init(
        messageID: String, jobID: String?, outcome: MessageDisposition.Outcome, report: JobReport? = nil,
        error: TransferError? = nil
    ) {
        self.messageID = messageID
        self.jobID = jobID
        self.outcome = outcome
        self.report = report
        self.error = error
    }
}
