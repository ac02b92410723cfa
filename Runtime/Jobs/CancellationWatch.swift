import Dispatch
import Synchronization

/// Runs `body` while a watch reads the job's record every `intervalSeconds` and calls `onCancel`
/// once the job is `CANCELLED`, so the running copy (the worker's flows, `TransferObject`'s
/// multipart copy) stops after the part in flight.
///
/// The watch stops (and is waited for) before this returns. A record that cannot be read is read
/// again at the next interval. Without a job table (`jobs` nil) `body` just runs.
///
/// - Returns: what `body` returned, and whether the job was cancelled while it ran.
public func withCancellationWatch<R>(
    jobID: String, jobs: JobLifecycle?, intervalSeconds: Double, onCancel: @escaping @Sendable () -> Void, _ body: () -> R
) -> (result: R, cancelled: Bool) {
    guard let jobs else { return (body(), false) }
    let watch = CancellationWatch(jobID: jobID, store: jobs.store, intervalSeconds: intervalSeconds, onCancel: onCancel)
    let result = body()
    return (result, watch.stop())
}

/// The watch's thread: waits an interval for a stop, reads the job after each.
private final class CancellationWatch: Sendable {
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)

    init(jobID: String, store: any JobStore, intervalSeconds: Double, onCancel: @escaping @Sendable () -> Void) {
        let interval = DispatchTimeInterval.milliseconds(Int(max(0.01, intervalSeconds) * 1000))
        DispatchQueue(label: "cancellation-watch").async { [self] in
            defer { finished.signal() }
            while stopped.wait(timeout: .now() + interval) == .timedOut {
                guard (try? store.job(id: jobID))??.state == .cancelled else { continue }
                cancelled.store(true, ordering: .relaxed)
                onCancel()
                return
            }
        }
    }

    /// Stops the watch; whether it saw the job cancelled.
    func stop() -> Bool {
        stopped.signal()
        finished.wait()
        return cancelled.load(ordering: .relaxed)
    }
}
