public import AWS

/// Where jobs are kept and moved. Every write is conditional, so two writers racing (a duplicate
/// delivery, two regions, a retried executor) can never create a job twice or move one backwards.
public protocol JobStore: Sendable {
    /// Stores `job` unless a job with its id exists.
    /// - Returns: the stored job (the earlier one when it existed) and whether this call made it.
    func create(_ job: Job) throws(JobStoreError) -> (job: Job, created: Bool)

    /// The job, read consistently; nil when there is none.
    func job(id: String) throws(JobStoreError) -> Job?

    /// Moves the job to `change.state` when its state allows it, recording the change.
    /// - Throws: `JobStoreError.refused` with the job's state when the move is not allowed from
    ///   it, `.notFound` when there is no such job.
    @discardableResult
    func apply(_ change: JobChange, to id: String) throws(JobStoreError) -> Job

    /// Gives a queued job that `previous` has not dispatched to `dispatcher`: the router that took
    /// over the partition after `previous` stopped renewing its lease.
    /// - Returns: the job under its new dispatcher; nil when it is no longer queued and
    ///   undispatched under `previous` (someone moved it first).
    func takeOver(_ id: String, from previous: String?, to dispatcher: String) throws(JobStoreError) -> Job?

    /// Records that `dispatcher` has sent the job to its executor.
    /// - Returns: false when the job is no longer `dispatcher`'s (another router took it over).
    func markDispatched(_ id: String, by dispatcher: String) throws(JobStoreError) -> Bool

    /// Records that the job's first `count` transitions have been published; the job leaves the
    /// outbox when they are all of them. Never moves the mark back.
    func markNotified(_ id: String, through count: Int) throws(JobStoreError)

    /// The jobs with transitions not yet published whose last move was before `cutoff` (RFC 3339).
    func withPendingNotifications(updatedBefore cutoff: String) throws(JobStoreError) -> [Job]

    /// The jobs in `RUNNING` whose last move was before `cutoff` (RFC 3339).
    func running(updatedBefore cutoff: String) throws(JobStoreError) -> [Job]
}

/// One move of a job and what comes with it.
public struct JobChange: Sendable, Hashable {
    public var state: JobState
    /// RFC 3339, the moment of the move.
    public var at: String
    /// Who moved it: the router's or executor's name and region.
    public var by: String
    public var bytes: Int64?
    public var checksum: String?
    public var failure: Job.Failure?
    /// The dispatch the move belongs to: recorded as the job's dispatcher by a move to `QUEUED`,
    /// and required to be the job's dispatcher by a move to `RUNNING` (an executor of an
    /// overtaken dispatch is refused).
    public var dispatcher: String?
    /// When set, the move happens only if the job's last move was at this time: a sweeper's move
    /// of a job it found stuck loses to any executor that moved the job since.
    public var unchangedSince: String?

    public init(
        to state: JobState, at: String, by: String, bytes: Int64? = nil, checksum: String? = nil, failure: Job.Failure? = nil,
        dispatcher: String? = nil, unchangedSince: String? = nil
    ) {
        self.state = state
        self.at = at
        self.by = by
        self.bytes = bytes
        self.checksum = checksum
        self.failure = failure
        self.dispatcher = dispatcher
        self.unchangedSince = unchangedSince
    }
}

/// Why a job could not be created, read or moved.
public enum JobStoreError: Error, Sendable, CustomStringConvertible {
    /// The job is in `current`, from which the move is not allowed: a stale or duplicate writer.
    /// Callers log it and go on; it is never retried.
    case refused(id: String, to: JobState, current: JobState)
    case notFound(id: String)
    /// The table could not be read or written; `AWSError.isRetryable` says whether to try again.
    case storage(AWSError)
    /// An item under the job's key is not a job.
    case malformed(id: String)

    public var description: String {
        switch self {
        case .refused(let id, let state, let current): "job \(id) cannot move to \(state.rawValue) from \(current.rawValue)"
        case .notFound(let id): "job \(id) does not exist"
        case .storage(let error): "the job table failed: \(error)"
        case .malformed(let id): "the item of job \(id) is not a job"
        }
    }
}
