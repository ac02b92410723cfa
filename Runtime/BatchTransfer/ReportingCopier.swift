import AWS
public import Jobs
public import TransferCore

/// `TransferObject`'s event: a manifest entry, and the id of the job it belongs to when the
/// Router's one-object state machine (not a batch) asked for the copy, with how many times the
/// state machine has retried it (`$$.State.RetryCount`) out of how many it will.
public struct JobTransferItem: Decodable, Sendable {
    public var item: TransferItem
    public var jobID: String?
    public var retryCount: Int?
    public var maxRetries: Int?
    /// The router whose dispatch started the execution; the copy runs only under the job's.
    public var dispatcher: String?

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", retryCount = "retry_count", maxRetries = "max_retries", dispatcher
    }

    public init(from decoder: any Decoder) throws {
        item = try TransferItem(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jobID = try container.decodeIfPresent(String.self, forKey: .jobID)
        retryCount = try container.decodeIfPresent(Int.self, forKey: .retryCount)
        maxRetries = try container.decodeIfPresent(Int.self, forKey: .maxRetries)
        dispatcher = try container.decodeIfPresent(String.self, forKey: .dispatcher)
    }

    /// Whether the state machine will not retry a failure of this attempt.
    public var isLastAttempt: Bool {
        guard let retryCount, let maxRetries else { return false }
        return retryCount >= maxRetries
    }
}

/// Copies one object and, when it belongs to a job, moves the job: `RUNNING` before,
/// `VERIFYING` while the destination is read back, `SUCCEEDED` with its size, or `FAILED` when the
/// copy cannot succeed (a non-retryable error, or any error on the state machine's last attempt).
/// A job cancelled before the copy began, or taken over by another router's dispatch, is not copied.
/// A job cancelled while it is copied in parts (its record read every `cancelCheckSeconds`) stops
/// after the parts in flight: the upload is aborted, nothing appears under the destination key,
/// and the object is reported skipped.
public struct ReportingCopier: Sendable {
    public let copier: ObjectCopier
    public let jobs: JobLifecycle?
    public let cancelCheckSeconds: Double

    public init(copier: ObjectCopier, jobs: JobLifecycle?, cancelCheckSeconds: Double = 5) {
        self.copier = copier
        self.jobs = jobs
        self.cancelCheckSeconds = cancelCheckSeconds
    }

    public func run(_ event: JobTransferItem) throws(TransferError) -> TransferOutcome {
        guard let jobID = event.jobID, let jobs else { return try copier.run(event.item, retry: (event.retryCount ?? 0) > 0) }
        let request = event.item.request
        let key = event.item.entry.key
        let destinationKey = request.destinationKey(for: key)
        do {
            if try !jobs.begin(jobID, dispatcher: event.dispatcher) {
                return TransferOutcome(key: key, destinationKey: destinationKey, status: .skipped, method: .none, bytes: 0)
            }
            let stop = StopFlag()
            let (copy, cancelled) = withCancellationWatch(
                jobID: jobID, jobs: jobs, intervalSeconds: cancelCheckSeconds, onCancel: { stop.request() }
            ) {
                Result { () throws(TransferError) in
                    try copier.run(event.item, retry: (event.retryCount ?? 0) > 0, shouldStop: { stop.isRequested })
                }
            }
            if cancelled, case .failure = copy {
                return TransferOutcome(key: key, destinationKey: destinationKey, status: .skipped, method: .none, bytes: 0)
            }
            let outcome: TransferOutcome
            do {
                outcome = try copy.get()
            } catch {
                if error.kind == .nonRetryable || event.isLastAttempt {
                    try jobs.move(jobID, to: .failed, failure: Job.Failure(code: error.errorType, message: error.errorMessage))
                }
                throw error
            }
            try jobs.move(jobID, to: .verifying)
            let head = try verifiedHead(of: event.item)
            try jobs.move(jobID, to: .succeeded, bytes: head.contentLength, checksum: head.eTag.map { "ETag:\($0)" })
            return outcome
        } catch let error as TransferError {
            throw error
        } catch {
            throw TransferError(kind: .transient, message: "job \(jobID): recording its state failed: \(error)")
        }
    }

    /// The destination as it is now, which must be as long as the source was listed.
    private func verifiedHead(of item: TransferItem) throws(TransferError) -> ObjectHead {
        let bucket = item.request.destinationBucket
        let key = item.request.destinationKey(for: item.entry.key)
        let head: ObjectHead
        do {
            head = try copier.stores.destination.headObject(bucket: bucket, key: key)
        } catch {
            throw TransferError(error, context: "verifying s3://\(bucket)/\(key)")
        }
        guard head.contentLength == item.entry.size else {
            throw TransferError(
                kind: .transient, message: "s3://\(bucket)/\(key) holds \(head.contentLength) bytes, the source \(item.entry.size)")
        }
        return head
    }
}
