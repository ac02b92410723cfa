#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AWS
import Jobs
import LineLogging
import TransferCore

extension TransferWorker {
    /// Runs the message's job under the visibility heartbeat, then settles the message.
    func handle(_ message: SQSMessage) -> WorkerEvent {
        if let request = try? JSONDecoder().decode(PollRequest.self, from: Data(message.body.utf8)) {
            return handle(request, message: message)
        }
        let job: TransferJob
        do {
            job = try JSONDecoder().decode(TransferJob.self, from: Data(message.body.utf8))
        } catch {
            log.error(
                "job.failed",
                ["messageId": message.messageID, "errorType": TransferError.Kind.nonRetryable.rawValue,
                 "reason": "the message body is neither a transfer job nor a pull run: \(error)"])
            settle(message, jobID: nil, MessageDisposition.after(.malformed, retryDelaySeconds: settings.retryDelaySeconds))
            return WorkerEvent(messageID: message.messageID, jobID: nil, outcome: .malformed)
        }
        guard reporting.start(job) else {
            let disposition = MessageDisposition.after(.skipped, retryDelaySeconds: settings.retryDelaySeconds)
            runner.abandon(job)
            settle(message, jobID: job.id, disposition)
            return WorkerEvent(messageID: message.messageID, jobID: job.id, outcome: .skipped)
        }
        log.info("job.started", ["jobId": job.id, "flow": job.flow.rawValue])
        let (log, jobStop) = (log, StopFlag(following: stop))
        var runner = runner
        runner.stop = jobStop
        let (result, cancelled) = withCancellationWatch(
            jobID: job.id, jobs: reporting.lifecycle, intervalSeconds: settings.cancelCheckSeconds, onCancel: { jobStop.request() }
        ) {
            withVisibilityHeartbeat(
                sqs: queue, queueURL: settings.queueURL, receiptHandle: message.receiptHandle,
                timeoutSeconds: settings.visibilityTimeoutSeconds,
                onBeat: { error in
                    if let error {
                        log.warn("job.heartbeatFailed", ["jobId": job.id, "reason": "\(error)"])
                    }
                }
            ) { () -> Result<JobReport, TransferError> in
                do throws(TransferError) { return .success(try runner.run(job)) } catch { return .failure(error) }
            }
        }
        if cancelled, case .failure = result {
            log.info("job.cancelled", ["jobId": job.id])
            runner.abandon(job)
            settle(message, jobID: job.id, MessageDisposition.after(.cancelled, retryDelaySeconds: settings.retryDelaySeconds))
            return WorkerEvent(messageID: message.messageID, jobID: job.id, outcome: .cancelled)
        }
        if !stop.isRequested { reporting.finish(job, result) }
        let event = event(for: result, job: job, messageID: message.messageID)
        let disposition = MessageDisposition.after(event.outcome, retryDelaySeconds: settings.retryDelaySeconds)
        if disposition.abandonUpload { runner.abandon(job) }
        settle(message, jobID: job.id, disposition)
        return event
    }

    /// Classifies the result and logs it as one line.
    private func event(for result: Result<JobReport, TransferError>, job: TransferJob, messageID: String) -> WorkerEvent {
        switch result {
        case .success(let report):
            log.info(
                "job.succeeded",
                ["jobId": job.id, "destination": report.destination, "size": String(report.size),
                 "checksum": report.checksum, "partsReused": String(report.partsReused)])
            return WorkerEvent(messageID: messageID, jobID: job.id, outcome: .succeeded, report: report)
        case .failure(let error):
            let outcome: MessageDisposition.Outcome =
                stop.isRequested && error.kind != .nonRetryable ? .stopped : .failed(error.kind)
            let (level, name): (LogLevel, String) = switch outcome {
            case .stopped: (.info, "job.stopped")
            case .failed(.nonRetryable): (.error, "job.failed")
            default: (.warn, "job.willRetry")
            }
            log.log(level, name, ["jobId": job.id, "errorType": error.errorType, "reason": error.errorMessage])
            return WorkerEvent(messageID: messageID, jobID: job.id, outcome: outcome, error: error)
        }
    }

    /// Deletes the message or sets when it comes back, and clears the checkpoint as `disposition`
    /// says. The message goes first: a checkpoint left behind only costs an item, while a job
    /// whose message survives without its checkpoint is copied again from the start.
    func settle(_ message: SQSMessage, jobID: String?, _ disposition: MessageDisposition) {
        do {
            if disposition.deleteMessage {
                try queue.deleteMessage(queueURL: settings.queueURL, receiptHandle: message.receiptHandle)
            } else if let seconds = disposition.visibleAfterSeconds {
                try queue.changeMessageVisibility(
                    queueURL: settings.queueURL, receiptHandle: message.receiptHandle, timeoutSeconds: seconds)
            }
            if disposition.clearCheckpoint, let jobID { try runner.checkpoints.clear(jobID: jobID) }
        } catch {
            log.error("job.settleFailed", ["jobId": jobID, "messageId": message.messageID, "reason": "\(error)"])
        }
    }
}
