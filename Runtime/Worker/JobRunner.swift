public import AWS
public import Jobs
import SFTP
public import TransferCore
public import SFTPTransfer

/// Runs one `TransferJob` with the flow it names, resuming the upload an earlier attempt recorded,
/// and checks the result before reporting success.
///
/// Blocking, like the flows it calls: run it on a thread of its own, never on the cooperative pool.
public struct JobRunner: Sendable {
    public var s3: any ObjectStore
    public var secrets: any SecretStore
    public var sessions: SFTPSessionLimiter
    public var checkpoints: any JobCheckpoints
    /// Where SFTP → SFTP jobs stage the file, under `staging/<job id>`.
    public var stagingBucket: String
    public var partSize: Int64
    public var sftpTimeout: Duration
    /// How S3 → SFTP (and the second leg of SFTP → SFTP) splits large files over channels, and
    /// how SFTP → S3 (and the first leg of SFTP → SFTP) reads them over several: at most the
    /// partner endpoint's `channelsPerFile` (the destination's when writing, the source's when
    /// reading).
    public var parallelUpload: ParallelUpload
    /// Raised on SIGTERM: the flows stop at their next checkpoint.
    public var stop: StopFlag

    public init(
        s3: any ObjectStore, secrets: any SecretStore, sessions: SFTPSessionLimiter, checkpoints: any JobCheckpoints,
        stagingBucket: String, partSize: Int64 = SFTPToS3Transfer.defaultPartSize, sftpTimeout: Duration = .seconds(30),
        parallelUpload: ParallelUpload = .standard, stop: StopFlag
    ) {
        self.s3 = s3
        self.secrets = secrets
        self.sessions = sessions
        self.checkpoints = checkpoints
        self.stagingBucket = stagingBucket
        self.partSize = partSize
        self.sftpTimeout = sftpTimeout
        self.parallelUpload = parallelUpload
        self.stop = stop
    }

    /// Copies, verifies and reports; throws a classified `TransferError` when any step fails.
    public func run(_ job: TransferJob) throws(TransferError) -> JobReport {
        let resume = try checkpoints.uploadID(forJob: job.id) ?? job.resumeUploadID
        let record: (String) throws -> Void = { [checkpoints] in try checkpoints.record(uploadID: $0, forJob: job.id) }
        switch (job.flow, job.source, job.destination) {
        case (.sftpToS3, .sftp(let source), .s3(let destination)):
            let stored = try firstLeg(from: source, to: destination, job: job)
                .run(resumingUpload: resume, stop: stop, onUploadStarted: record)
            return try verify(stored, job: job)
        case (.s3ToSFTP, .s3(let source), .sftp(let destination)):
            let transfer = S3ToSFTPTransfer(
                s3: s3, bucket: source.bucket, key: source.key,
                destination: try destination.configuration(secrets: secrets, timeout: sftpTimeout),
                path: destination.path, sessions: sessions, parallelUpload: parallelUpload.limited(to: destination.channelsPerFile))
            return try verify(try transfer.run(stop: stop), at: transfer.destination, job: job)
        case (.sftpToSFTP, .sftp(let source), .sftp(let destination)):
            let transfer = SFTPToSFTPTransfer(
                firstLeg: try firstLeg(from: source, to: stagingLocation(of: job), job: job),
                destination: try destination.configuration(secrets: secrets, timeout: sftpTimeout),
                destinationPath: destination.path, parallelUpload: parallelUpload.limited(to: destination.channelsPerFile))
            let delivered = try transfer.run(resumingUpload: resume, stop: stop, onUploadStarted: record)
            return try verify(delivered, at: transfer.destination, job: job)
        case (.s3ToS3, .s3(let source), .s3(let destination)):
            return try copy(from: source, to: destination, job: job)
        default:
            throw TransferError.nonRetryable(
                "job \(job.id): flow \(job.flow.rawValue) cannot copy from \(job.source.description) "
                    + "to \(job.destination.description); check the endpoints' types")
        }
    }

    /// The S3 object an SFTP → SFTP job stages its file in: unique to the job, as
    /// `SFTPToSFTPTransfer` requires.
    public func stagingLocation(of job: TransferJob) -> S3Location {
        S3Location(bucket: stagingBucket, key: "staging/\(job.id)")
    }

    private func firstLeg(from source: SFTPLocation, to destination: S3Location, job: TransferJob) throws(TransferError)
        -> SFTPToS3Transfer
    {
        SFTPToS3Transfer(
            source: try source.configuration(secrets: secrets, timeout: sftpTimeout), path: source.path, s3: s3,
            bucket: destination.bucket, key: destination.key, sessions: sessions, preferredPartSize: partSize,
            metadata: ["transfer-job-id": job.id], parallelRead: parallelUpload.limited(to: source.channelsPerFile))
    }
}
