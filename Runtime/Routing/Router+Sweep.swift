import Jobs
import LineLogging

extension Router {
    /// How long a notification stays in the outbox before the sweep publishes it: a writer
    /// publishing its own move has this long to do so.
    static let outboxGraceSeconds = 60.0

    /// A sweep tick: every job in `RUNNING` with no move for `staleRunningSeconds` (found through
    /// the job table's `Running` index) is failed with the error code `Stale`, and the
    /// notifications still in the outbox are published.
    ///
    /// A stuck job is failed rather than dispatched again: its executor may still be alive (a
    /// stalled worker, a partitioned function), and a second executor would copy it twice. The
    /// move is conditional on the job's last move being the one the sweep saw, so an executor
    /// that moved it since wins.
    /// - Returns: true (the sweep ran), as a routing task answers.
    func sweep() throws -> Bool {
        var failed = 0
        for job in try jobs.store.running(updatedBefore: jobs.cutoff(secondsAgo: staleRunningSeconds)) {
            let failure = Job.Failure(
                code: "Stale",
                message: "RUNNING since \(job.updatedAt) (attempt \(job.attempts)) with no move for over \(Int(staleRunningSeconds)) s: "
                    + "its executor died after its last retry, or its worker vanished")
            guard try jobs.move(job.id, to: .failed, failure: failure, unchangedSince: job.updatedAt) != nil else { continue }
            failed += 1
            log.error("job.failed", ["jobId": job.id, "errorCode": "Stale", "reason": failure.message])
        }
        let outbox = try jobs.publishPending(graceSeconds: Self.outboxGraceSeconds)
        log.info(
            "router.swept",
            ["stale": String(failed), "notificationsPublished": String(outbox.published), "notificationsPending": String(outbox.pending)])
        return true
    }
}
