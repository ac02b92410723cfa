import Jobs
import Synchronization

/// ``JobStore`` in memory, with the table's rules: a job is created once, and a move is accepted
/// only from the states it allows.
final class InMemoryJobStore: JobStore {
    private let jobs = Mutex<[String: Job]>([:])

    func create(_ job: Job) throws(JobStoreError) -> (job: Job, created: Bool) {
        jobs.withLock { jobs in
            if let existing = jobs[job.id] { return (existing, false) }
            jobs[job.id] = job
            return (job, true)
        }
    }

    func job(id: String) throws(JobStoreError) -> Job? {
        jobs.withLock { $0[id] }
    }

    func apply(_ change: JobChange, to id: String) throws(JobStoreError) -> Job {
        let outcome: Result<Job, JobStoreError> = jobs.withLock { jobs in
            guard var job = jobs[id] else { return .failure(.notFound(id: id)) }
            let overtaken = change.state == .running && change.dispatcher != nil && job.dispatcher != nil
                && job.dispatcher != change.dispatcher
            let changed = change.unchangedSince.map { $0 != job.updatedAt } ?? false
            guard change.state.allowedPredecessors.contains(job.state), !overtaken, !changed else {
                return .failure(.refused(id: id, to: change.state, current: job.state))
            }
            if change.state == .queued, let dispatcher = change.dispatcher { job.dispatcher = dispatcher }
            job.state = change.state
            job.updatedAt = change.at
            job.history.append(Job.Transition(state: change.state, at: change.at, by: change.by))
            if change.state == .running { job.attempts += 1 }
            job.bytes = change.bytes ?? job.bytes
            job.checksum = change.checksum ?? job.checksum
            job.failure = change.failure ?? job.failure
            jobs[id] = job
            return .success(job)
        }
        return try outcome.get()
    }

    func takeOver(_ id: String, from previous: String?, to dispatcher: String) throws(JobStoreError) -> Job? {
        jobs.withLock { jobs in
            guard var job = jobs[id], job.state == .queued, !job.dispatched, job.dispatcher == previous else { return nil }
            job.dispatcher = dispatcher
            jobs[id] = job
            return job
        }
    }

    func markDispatched(_ id: String, by dispatcher: String) throws(JobStoreError) -> Bool {
        jobs.withLock { jobs in
            guard var job = jobs[id], job.dispatcher == dispatcher else { return false }
            job.dispatched = true
            jobs[id] = job
            return true
        }
    }

    func markNotified(_ id: String, through count: Int) throws(JobStoreError) {
        jobs.withLock { jobs in
            guard let current = jobs[id]?.notifiedThrough, current < count else { return }
            jobs[id]?.notifiedThrough = count
        }
    }

    func withPendingNotifications(updatedBefore cutoff: String) throws(JobStoreError) -> [Job] {
        jobs.withLock { $0.values.filter { $0.notifiedThrough < $0.history.count && $0.updatedAt < cutoff } }
    }

    func running(updatedBefore cutoff: String) throws(JobStoreError) -> [Job] {
        jobs.withLock { $0.values.filter { $0.state == .running && $0.updatedAt < cutoff } }
    }
}
