import Dispatch
import Synchronization

/// Work on many items at once, for setting up tests and benchmarks (uploading a thousand objects).
public enum ConcurrentWork {
    /// Runs `body` for every index in `0..<count` on `lanes` threads; the first error is rethrown
    /// once all have finished.
    public static func forEach(_ count: Int, lanes: Int = 8, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            for index in stride(from: lane, to: count, by: lanes) {
                do {
                    try body(index)
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
