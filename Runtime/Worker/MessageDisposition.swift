public import TransferCore

/// What the worker does with a job's message once the job has run: the last step of the job's
/// lifecycle, kept a plain value so the rules are tested without SQS.
///
/// | outcome | message | checkpoint | upload |
/// | --- | --- | --- | --- |
/// | succeeded (verified) | deleted | cleared | completed |
/// | non-retryable failure, or a body that is no job | deleted, after a JSON log line | cleared | aborted |
/// | retryable failure | left; visible again after the retry delay | kept, so the retry resumes | kept |
/// | stopped (SIGTERM) | left; visible again at once, for another worker | kept | kept |
/// | skipped: the job record says cancelled or already finished | deleted | cleared | aborted |
/// | cancelled while it ran: stopped after the part in flight | deleted | cleared | aborted |
///
/// Why a non-retryable job is deleted rather than left for the queue's redrive policy: the redrive
/// counts receives, so leaving it would run a job known to fail `maxReceiveCount` more times before
/// it reached the DLQ. The DLQ keeps its meaning, retryable jobs that never succeeded; a job
/// refused for cause is logged with its reason, which is what an operator needs to fix it.
public struct MessageDisposition: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case succeeded
        case failed(TransferError.Kind)
        /// The worker is shutting down and the job stopped at a checkpoint.
        case stopped
        /// The message body is not a `TransferJob`.
        case malformed
        /// The job's record says it was cancelled or has finished: it is not run.
        case skipped
        /// The job was cancelled while it ran and stopped after the part in flight.
        case cancelled
    }

    public var deleteMessage: Bool
    /// For a message left in the queue: the new visibility timeout, i.e. when the retry may start.
    public var visibleAfterSeconds: Int?
    public var clearCheckpoint: Bool
    public var abandonUpload: Bool

    /// - Parameter retryDelaySeconds: how long a retryable failure waits before its retry.
    public static func after(_ outcome: Outcome, retryDelaySeconds: Int) -> MessageDisposition {
        switch outcome {
        case .succeeded:
            MessageDisposition(deleteMessage: true, visibleAfterSeconds: nil, clearCheckpoint: true, abandonUpload: false)
        case .failed(.nonRetryable), .malformed, .skipped, .cancelled:
            MessageDisposition(deleteMessage: true, visibleAfterSeconds: nil, clearCheckpoint: true, abandonUpload: true)
        case .failed(.transient), .failed(.throttling):
            MessageDisposition(
                deleteMessage: false, visibleAfterSeconds: retryDelaySeconds, clearCheckpoint: false, abandonUpload: false)
        case .stopped:
            MessageDisposition(deleteMessage: false, visibleAfterSeconds: 0, clearCheckpoint: false, abandonUpload: false)
        }
    }
}
