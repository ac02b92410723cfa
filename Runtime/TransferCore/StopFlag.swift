import Dispatch
import Synchronization

/// A request to stop, raised once (by a SIGTERM handler) and read by long work at its checkpoints:
/// a transfer between parts, a worker between messages.
///
/// Reading is a relaxed atomic load, cheap enough to check before every part. `wait(seconds:)`
/// lets a loop sleep between attempts yet wake at once when a stop is requested.
///
/// A flag may follow another: one job's flag is raised by its cancellation or by the process's
/// flag, so its flow stops for either.
public final class StopFlag: Sendable {
    private let requested = Atomic<Bool>(false)
    private let wakeUp = DispatchSemaphore(value: 0)
    private let parent: StopFlag?

    /// - Parameter parent: a flag whose stop request this one also reports.
    public init(following parent: StopFlag? = nil) {
        self.parent = parent
    }

    /// Whether a stop has been requested, of this flag or the one it follows.
    public var isRequested: Bool { requested.load(ordering: .relaxed) || parent?.isRequested == true }

    /// Raises the flag and wakes a waiting `wait(seconds:)`. Safe from any thread, many times.
    public func request() {
        if !requested.exchange(true, ordering: .relaxed) { wakeUp.signal() }
    }

    /// Sleeps up to `seconds`, returning early when a stop is (or already was) requested.
    public func wait(seconds: Double) {
        guard !isRequested else { return }
        if wakeUp.wait(timeout: .now() + seconds) == .success { wakeUp.signal() }
    }
}
