#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import TransferCore
public import SFTPTransfer

/// The TransferWorker's configuration, from its environment (the task definition, or the
/// emulator).
public struct WorkerSettings: Sendable, Hashable {
    /// The `work.fifo` queue the jobs come from.
    public var queueURL: String
    /// The DynamoDB table of job checkpoints (`pk` string key).
    public var checkpointTable: String
    /// Where SFTP → SFTP jobs stage their files.
    public var stagingBucket: String
    /// How long a received message stays invisible; the heartbeat renews it every third of this.
    public var visibilityTimeoutSeconds: Int
    /// Long-poll wait of each receive (0…20).
    public var receiveWaitSeconds: Int
    /// How long a job that failed with a retryable error waits before it is received again.
    public var retryDelaySeconds: Int
    public var partSize: Int64
    public var sessionsPerEndpoint: Int
    public var sftpTimeoutSeconds: Int
    /// Where job moves are published; nil publishes none.
    public var jobsTopicARN: String?
    /// SFTP channels per file for S3 → SFTP copies of `parallelThresholdBytes` or more (1…8), and
    /// for SFTP → S3 reads (at most `SFTPToS3Transfer.defaultMaximumReadChannels`); all over one
    /// connection and login (`ParallelUpload`).
    public var channelsPerFile: Int
    public var parallelThresholdBytes: Int64
    /// How often a running job's record is read for a cancellation, which stops the job after
    /// the part in flight.
    public var cancelCheckSeconds: Double
    /// The ingest queue, where a pull's files go as `TransferRequested` jobs for the Router;
    /// nil: the worker takes no pull runs.
    public var ingestQueueURL: String?
    /// How long a pull waits between its two listings: a file whose size and modification time
    /// held still over it has settled and is taken.
    public var pullSettleSeconds: Double

    public init(
        queueURL: String, checkpointTable: String, stagingBucket: String, visibilityTimeoutSeconds: Int = 300,
        receiveWaitSeconds: Int = 20, retryDelaySeconds: Int = 60, partSize: Int64 = 8 * 1024 * 1024,
        sessionsPerEndpoint: Int = 4, sftpTimeoutSeconds: Int = 30, jobsTopicARN: String? = nil,
        channelsPerFile: Int = ParallelUpload.standard.channels,
        parallelThresholdBytes: Int64 = ParallelUpload.standard.threshold, cancelCheckSeconds: Double = 5,
        ingestQueueURL: String? = nil, pullSettleSeconds: Double = 10
    ) {
        self.queueURL = queueURL
        self.checkpointTable = checkpointTable
        self.stagingBucket = stagingBucket
        self.visibilityTimeoutSeconds = visibilityTimeoutSeconds
        self.receiveWaitSeconds = receiveWaitSeconds
        self.retryDelaySeconds = retryDelaySeconds
        self.partSize = partSize
        self.sessionsPerEndpoint = sessionsPerEndpoint
        self.sftpTimeoutSeconds = sftpTimeoutSeconds
        self.jobsTopicARN = jobsTopicARN
        self.channelsPerFile = channelsPerFile
        self.parallelThresholdBytes = parallelThresholdBytes
        self.cancelCheckSeconds = cancelCheckSeconds
        self.ingestQueueURL = ingestQueueURL
        self.pullSettleSeconds = pullSettleSeconds
    }

    /// How S3 → SFTP copies split large files over channels.
    public var parallelUpload: ParallelUpload {
        ParallelUpload(channels: channelsPerFile, threshold: parallelThresholdBytes)
    }

    /// Reads `WORK_QUEUE_URL`, `JOB_TABLE` and `STAGING_BUCKET` (required), and
    /// `VISIBILITY_TIMEOUT_SECONDS` (300), `RECEIVE_WAIT_SECONDS` (20), `RETRY_DELAY_SECONDS` (60),
    /// `PART_SIZE_BYTES` (8 MiB), `SFTP_SESSIONS_PER_ENDPOINT` (4), `SFTP_TIMEOUT_SECONDS` (30),
    /// `SFTP_CHANNELS_PER_FILE` (4), `SFTP_PARALLEL_THRESHOLD_BYTES` (64 MiB), `CANCEL_CHECK_SECONDS` (5),
    /// `PULL_SETTLE_SECONDS` (10), `INGEST_QUEUE_URL` (none: no pull runs) and `JOBS_TOPIC_ARN` (none).
    /// Empty values count as unset.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SettingsError) -> WorkerSettings {
        let settings = SettingsEnvironment(environment)
        return WorkerSettings(
            queueURL: try settings.required("WORK_QUEUE_URL"), checkpointTable: try settings.required("JOB_TABLE"),
            stagingBucket: try settings.required("STAGING_BUCKET"),
            visibilityTimeoutSeconds: Int(try settings.number("VISIBILITY_TIMEOUT_SECONDS", default: 300, in: 3...43_200)),
            receiveWaitSeconds: Int(try settings.number("RECEIVE_WAIT_SECONDS", default: 20, in: 0...20)),
            retryDelaySeconds: Int(try settings.number("RETRY_DELAY_SECONDS", default: 60, in: 0...43_200)),
            partSize: try settings.number("PART_SIZE_BYTES", default: 8 * 1024 * 1024, in: 1...5 * 1024 * 1024 * 1024),
            sessionsPerEndpoint: Int(try settings.number("SFTP_SESSIONS_PER_ENDPOINT", default: 4, in: 1...64)),
            sftpTimeoutSeconds: Int(try settings.number("SFTP_TIMEOUT_SECONDS", default: 30, in: 1...3600)),
            jobsTopicARN: settings.value("JOBS_TOPIC_ARN"),
            channelsPerFile: Int(
                try settings.number(
                    "SFTP_CHANNELS_PER_FILE", default: Int64(ParallelUpload.standard.channels),
                    in: 1...Int64(ParallelUpload.maximumChannels))),
            parallelThresholdBytes: try settings.number(
                "SFTP_PARALLEL_THRESHOLD_BYTES", default: ParallelUpload.standard.threshold, in: 1...Int64.max),
            cancelCheckSeconds: Double(try settings.number("CANCEL_CHECK_SECONDS", default: 5, in: 1...3600)),
            ingestQueueURL: settings.value("INGEST_QUEUE_URL"),
            pullSettleSeconds: Double(try settings.number("PULL_SETTLE_SECONDS", default: 10, in: 1...600)))
    }
}
