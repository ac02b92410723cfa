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
        _ id: String, to state: JobState, bytes: Int64? = nil, checksum: String? = nil, failure: Job.Failure? = nil
    ) throws(JobStoreError) -> Job? {
        let change = JobChange(to: state, at: timestamp, by: actor, bytes: bytes, checksum: checksum, failure: failure)
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

    /// Moves the job to `RUNNING` for an executor's attempt.
    /// - Returns: false when the job must not run: it was cancelled or has finished. A job the
    ///   move is refused for but not finished (a router that has not recorded `QUEUED` yet) runs.
    /// - Throws: `.notFound` for a job with no record.
    public func begin(_ id: String) throws(JobStoreError) -> Bool {
        if try move(id, to: .running) != nil { return true }
        guard let job = try store.job(id: id) else { throw .notFound(id: id) }
        return !job.state.isFinal
    }

    private func publish(_ job: Job) throws(JobStoreError) {
        do throws(AWSError) {
            try notifier?.publish(job)
        } catch {
            throw .storage(error)
        }
    }
}
