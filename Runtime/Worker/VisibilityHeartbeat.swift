public import AWS
import Dispatch

/// Runs `body` while a heartbeat keeps `receiptHandle`'s message invisible: every third of
/// `timeoutSeconds` it sets the visibility timeout to `timeoutSeconds` again, so a transfer of
/// any length keeps its message, and a worker that dies loses it within one timeout.
///
/// The heartbeat stops (and is waited for) before this returns, also when `body` throws.
///
/// - Parameters:
///   - sqs: the queue the message came from (`SQSClient` in the container).
///   - onBeat: called after each extension, with the error when it failed (the message was
///     deleted, or its receipt expired and another worker holds it).
public func withVisibilityHeartbeat<R, E: Error>(
    sqs: any JobQueue, queueURL: String, receiptHandle: String, timeoutSeconds: Int,
    onBeat: @escaping @Sendable (AWSError?) -> Void = { _ in }, _ body: () throws(E) -> R
) throws(E) -> R {
    let heartbeat = VisibilityHeartbeat(
        sqs: sqs, queueURL: queueURL, receiptHandle: receiptHandle, timeoutSeconds: timeoutSeconds, onBeat: onBeat)
    defer { heartbeat.stop() }
    return try body()
}

/// The heartbeat's thread: waits a third of the timeout for a stop, extends on each timeout.
private final class VisibilityHeartbeat: Sendable {
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(
        sqs: any JobQueue, queueURL: String, receiptHandle: String, timeoutSeconds: Int,
        onBeat: @escaping @Sendable (AWSError?) -> Void
    ) {
        let interval = DispatchTimeInterval.milliseconds(max(1, timeoutSeconds) * 1000 / 3)
        let (stopped, finished) = (stopped, finished)
        DispatchQueue(label: "visibility-heartbeat").async {
            defer { finished.signal() }
            while stopped.wait(timeout: .now() + interval) == .timedOut {
                do throws(AWSError) {
                    try sqs.changeMessageVisibility(
                        queueURL: queueURL, receiptHandle: receiptHandle, timeoutSeconds: timeoutSeconds)
                    onBeat(nil)
                } catch {
                    onBeat(error)
                }
            }
        }
    }

    func stop() {
        stopped.signal()
        finished.wait()
    }
}
