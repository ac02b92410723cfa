#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import AWS
import Timestamps

/// Moves jobs and tells subscribers: every move that the store accepts is published once, and a
/// move the store refuses (a stale or duplicate writer) is returned as such for the caller to log
/// and ignore.
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

    /// Creates the job, or finds the one an earlier delivery made; a new job is published.
    public func create(_ job: Job) throws(JobStoreError) -> (job: Job, created: Bool) {
        let outcome = try store.create(job)
        if outcome.created { try publish(outcome.job) }
        return outcome
    }

    /// Moves the job and publishes the move.
    /// - Returns: the moved job, or nil when the store refused the move (the job is already past it).
    @discardableResult
    public func move(
        _ id: String, to state: JobState, bytes: Int64? = nil, checksum: String? = nil, failure: Job.Failure? = nil,
        dispatcher: String? = nil
    ) throws(JobStoreError) -> Job? {
        let change = JobChange(
            to: state, at: timestamp, by: actor, bytes: bytes, checksum: checksum, failure: failure, dispatcher: dispatcher)
        let job: Job
        do throws(JobStoreError) {
            job = try store.apply(change, to: id)
        } catch {
            if case .refused = error { return nil }
            throw error
        }
        try publish(job)
        return job
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

    private func publish(_ job: Job) throws(JobStoreError) {
        do throws(AWSError) {
            try notifier?.publish(job)
        } catch {
            throw .storage(error)
        }
    }
}
