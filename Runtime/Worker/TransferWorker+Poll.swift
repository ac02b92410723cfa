#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import AWS
import Events
import Jobs
import LineLogging
public import SFTPTransfer
import TransferCore

/// What a pull run needs: the seen-store that hands out each file version once, and the ingest
/// queue where each file goes as a job for the Router.
public struct PullRun: Sendable {
    public var seenFiles: any SeenFileStore
    public var ingest: SQSClient
    public var ingestQueueURL: String
    /// The wait between the run's two listings; what held still over it has settled.
    public var settleSeconds: Double

    public init(seenFiles: any SeenFileStore, ingest: SQSClient, ingestQueueURL: String, settleSeconds: Double) {
        self.seenFiles = seenFiles
        self.ingest = ingest
        self.ingestQueueURL = ingestQueueURL
        self.settleSeconds = settleSeconds
    }
}

extension TransferWorker {
    /// Runs a pull schedule's run: lists the source directory twice, `settleSeconds` apart, with
    /// `SFTPDirectoryPoller`; each file that held still and was not taken before becomes a job
    /// (`RECEIVED`, its id the idempotency key's: customer, endpoints, path, size, mtime) and a
    /// `TransferRequested` message on the ingest queue, which the Router routes like any job.
    ///
    /// The file is recorded as taken only after both: a run that fails or dies in between leaves
    /// it untaken, and the next run finds the same job (same id) and requests it again, which the
    /// queue's deduplication or the Router's idempotency makes harmless.
    func handle(_ request: PollRequest, message: SQSMessage) -> WorkerEvent {
        do throws(TransferError) {
            let files = try poll(request) { file throws(TransferError) in try requestJob(for: file, of: request) }
            log.info("schedule.run", ["scheduleId": request.scheduleID, "files": String(files.count)])
            settle(message, jobID: nil, MessageDisposition.after(.succeeded, retryDelaySeconds: settings.retryDelaySeconds))
            return WorkerEvent(messageID: message.messageID, jobID: nil, outcome: .succeeded)
        } catch {
            let outcome: MessageDisposition.Outcome = stop.isRequested ? .stopped : .failed(error.kind)
            log.error("schedule.runFailed", ["scheduleId": request.scheduleID, "errorType": error.errorType, "reason": error.errorMessage])
            settle(message, jobID: nil, MessageDisposition.after(outcome, retryDelaySeconds: settings.retryDelaySeconds))
            return WorkerEvent(messageID: message.messageID, jobID: nil, outcome: outcome, error: error)
        }
    }

    /// The files of this run: settled, matching, and taken by no run before, each handed to `take`
    /// before it is recorded as taken.
    private func poll(
        _ request: PollRequest, taking take: (RemoteFileVersion) throws(TransferError) -> Void
    ) throws(TransferError) -> [RemoteFileVersion] {
        guard let pull else {
            throw TransferError.nonRetryable("schedule \(request.scheduleID): this worker takes no pull runs (INGEST_QUEUE_URL is not set)")
        }
        let poller = SFTPDirectoryPoller(
            source: try request.source.configuration(secrets: runner.secrets, timeout: runner.sftpTimeout),
            directory: request.source.path, pattern: GlobPattern(request.pattern), store: pull.seenFiles, sessions: runner.sessions)
        _ = try poller.poll()
        stop.wait(seconds: pull.settleSeconds)
        if stop.isRequested { throw TransferError.stopped("schedule \(request.scheduleID): between its listings") }
        return try poller.poll(take)
    }

    private func requestJob(for file: RemoteFileVersion, of request: PollRequest) throws(TransferError) {
        guard let pull, let jobs = reporting.lifecycle else {
            throw TransferError.nonRetryable("schedule \(request.scheduleID): this worker has no job table")
        }
        let object = Job.Object(key: file.path, size: Int64(file.size), version: String(file.modificationTime))
        do {
            let id = try JobIdentity.jobID(
                customer: request.customer, sourceEndpoint: request.sourceEndpoint, destinationEndpoint: request.destinationEndpoint,
                object: object)
            let (job, _) = try jobs.create(
                Job(
                    id: id, customer: request.customer, sourceEndpoint: request.sourceEndpoint,
                    destinationEndpoint: request.destinationEndpoint, object: object, flow: request.flow, createdAt: jobs.timestamp,
                    by: jobs.actor))
            try pull.ingest.sendMessage(
                queueURL: pull.ingestQueueURL,
                SQSOutgoingMessage(
                    id: id, body: IngestMessage.transferRequestBody(jobID: id), groupID: String(job.partition.prefix(128)),
                    deduplicationID: id))
            log.info("job.found", ["jobId": id, "scheduleId": request.scheduleID, "path": file.path])
        } catch let error as AWSError {
            throw TransferError(error, context: "schedule \(request.scheduleID): requesting the job of \(file.path)")
        } catch {
            throw TransferError(kind: .transient, message: "schedule \(request.scheduleID): recording the job of \(file.path): \(error)")
        }
    }
}
