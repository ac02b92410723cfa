import Dispatch

/// Bounds how many objects one `TransferObject` streams at once, so its memory (one part per
/// object being streamed) stays bounded whatever the batch's item concurrency. A copy waits for a
/// free slot.
final class StreamSlots: Sendable {
    private let semaphore: DispatchSemaphore

    init(_ count: Int) {
        // Counted up from zero: libdispatch refuses to free a semaphore holding less than it was
        // created with.
        semaphore = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, count) { semaphore.signal() }
    }

    func withSlot<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        semaphore.wait()
        defer { semaphore.signal() }
        return try body()
    }
}
