import Jobs
import LineLogging
import TransferCore

/// What the worker tells the job's record about a job it runs: `RUNNING` before, then
/// `VERIFYING` and `SUCCEEDED` with the verified size and checksum, or `FAILED` with the error.
///
/// A job with no record (queued by hand, not by the Router) runs unreported. A record the
/// worker cannot write is logged and the transfer goes on: the bytes matter more than the record,
/// and the next attempt writes it again.
struct JobReporting: Sendable {
    let lifecycle: JobLifecycle?
    let log: LineLogger

    /// Moves the job to `RUNNING`. False when its record says it was cancelled or has finished,
    /// or belongs to another router's dispatch: the worker then does not run it.
    func start(_ job: TransferJob) -> Bool {
        guard let lifecycle else { return true }
        do {
            if try lifecycle.begin(job.id, dispatcher: job.dispatcher) { return true }
            log.info("job.skipped", ["jobId": job.id])
            return false
        } catch {
            if case .notFound = error { return true }
            log.warn("job.recordFailed", ["jobId": job.id, "state": JobState.running.rawValue, "reason": "\(error)"])
            return true
        }
    }

    /// Records the end of an attempt; a retryable failure leaves the job `RUNNING` for the retry.
    func finish(_ job: TransferJob, _ result: Result<JobReport, TransferError>) {
        guard let lifecycle else { return }
        do {
            switch result {
            case .success(let report):
                try lifecycle.move(job.id, to: .verifying)
                try lifecycle.move(job.id, to: .succeeded, bytes: report.size, checksum: report.checksum)
            case .failure(let error) where error.kind == .nonRetryable:
                try lifecycle.move(job.id, to: .failed, failure: Job.Failure(code: error.errorType, message: error.errorMessage))
            case .failure:
                return
            }
        } catch {
            if case .notFound = error { return }
            log.warn("job.recordFailed", ["jobId": job.id, "reason": "\(error)"])
        }
    }
}
