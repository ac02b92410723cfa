#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import AWS
import Timestamps

/// Moves jobs and tells subscribers: every move that the store accepts is published at least once,
/// and a move the store refuses (a stale or duplicate writer) is returned as such for the caller
/// to log and ignore.
///
/// The notifications go through an outbox in the job itself: the conditional write that records a
/// transition also puts the job in the table's `Outbox` index, the transitions not yet published
/// are published right after it, and the job leaves the outbox once they all went out. A publish
/// that fails leaves them there, and the next move of the job or `publishPending` (the Router's
/// sweep) publishes them, in order, under the same notification ids.
public struct JobLifecycle: Sendable {
    public var store: any JobStore
    public var notifier: JobNotifier?
    /// Who this is, in every transition it records: e.g. `router@eu-west-1`.
    public var actor: String
    public var now: @Sendable () -> Date

    public init(store: any JobStore, notifier: JobNotifier?, actor: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.notifier = notifier
        self.actor = actor
        self.now = now
    }

    /// The current time as transitions record it.
    public var timestamp: String { ISO8601Timestamp.format(now()) }

    /// The time `seconds` before now, as transitions record it: the cutoff of a query by `updatedAt`.
    public func cutoff(secondsAgo seconds: Double) -> String { ISO8601Timestamp.format(now().addingTimeInterval(-seconds)) }

    /// Creates the job, or finds the one an earlier delivery made; a new job is published, or,
    /// when `publishing` is false (its creator moves it on at once), left in the outbox for that
    /// move to publish before its own, saving a write of the outbox's mark.
    public func create(_ job: Job, publishing: Bool = true) throws(JobStoreError) -> (job: Job, created: Bool) {
        var outcome = try store.create(job)
        if outcome.created, publishing { outcome.job = publish(outcome.job).job }
        return outcome
    }

    /// Moves the job and publishes the move.
    /// - Returns: the moved job, or nil when the store refused the move (the job is already past it).
    @discardableResult
    public func move(
        _ id: String, to state: JobState, bytes: Int64? = nil, checksum: String? = nil, failure: Job.Failure? = nil,
        dispatcher: String? = nil, unchangedSince: String? = nil
    ) throws(JobStoreError) -> Job? {
        let change = JobChange(
            to: state, at: timestamp, by: actor, bytes: bytes, checksum: checksum, failure: failure, dispatcher: dispatcher,
            unchangedSince: unchangedSince)
        let job: Job
        do throws(JobStoreError) {
            job = try store.apply(change, to: id)
        } catch {
            if case .refused = error { return nil }
            throw error
        }
        return publish(job).job
    }

    /// Moves the job to `RUNNING` for an executor's attempt under `dispatcher`'s dispatch (the
    /// router named in the execution's input or the work message; nil when it names none).
    /// - Returns: false when the job must not run: it was cancelled or has finished, or another
    ///   router took it over, so this dispatch is not the job's. A job the move is refused for but
    ///   not finished (a router that has not recorded `QUEUED` yet) runs.
    /// - Throws: `.notFound` for a job with no record.
    public func begin(_ id: String, dispatcher: String? = nil) throws(JobStoreError) -> Bool {
        if try move(id, to: .running, dispatcher: dispatcher) != nil { return true }
        guard let job = try store.job(id: id) else { throw .notFound(id: id) }
        if let dispatcher, let current = job.dispatcher, current != dispatcher { return false }
        return !job.state.isFinal
    }

    /// Gives a queued job `previous` has not dispatched to `dispatcher` (see `JobStore.takeOver`).
    public func takeOver(_ id: String, from previous: String?, to dispatcher: String) throws(JobStoreError) -> Job? {
        try store.takeOver(id, from: previous, to: dispatcher)
    }

    /// Records that `dispatcher` sent the job to its executor; false when it is no longer its.
    public func markDispatched(_ id: String, by dispatcher: String) throws(JobStoreError) -> Bool {
        try store.markDispatched(id, by: dispatcher)
    }

    /// Publishes the transitions of jobs still in the outbox whose last move was more than
    /// `graceSeconds` ago (so a writer publishing its own move right now is left to it).
    /// - Returns: how many transitions went out, and how many are still pending.
    public func publishPending(graceSeconds: Double) throws(JobStoreError) -> (published: Int, pending: Int) {
        guard notifier != nil else { return (0, 0) }
        var counts = (published: 0, pending: 0)
        for job in try store.withPendingNotifications(updatedBefore: cutoff(secondsAgo: graceSeconds)) {
            let published = publish(job).published
            counts.published += published
            counts.pending += job.pendingNotifications.count - published
        }
        return counts
    }

    /// Publishes the job's transitions not yet published, in order, and records how far it got.
    /// A publish that fails stops it: what is left stays in the outbox for the next move or sweep,
    /// and the move that was written stands.
    /// - Returns: the job with the mark as recorded, and how many transitions went out. A mark
    ///   that could not be recorded leaves them in the outbox, to go out again (at least once).
    private func publish(_ job: Job) -> (job: Job, published: Int) {
        let pending = Array(job.pendingNotifications)
        guard let notifier, !pending.isEmpty else { return (job, 0) }
        let published = notifier.publish(job, transitions: pending)
        var marked = job
        if published > 0, (try? store.markNotified(job.id, through: job.notifiedThrough + published)) != nil {
            marked.notifiedThrough += published
        }
        return (marked, published)
    }
}
