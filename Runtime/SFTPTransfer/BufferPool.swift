import Dispatch
import Synchronization

/// Byte buffers given back after use, so that the next part or chunk reuses their memory instead
/// of allocating (and having the kernel map) a new one: a copy of any size touches only a few.
final class BufferPool: Sendable {
    private let buffers = Mutex<[[UInt8]]>([])

    /// A buffer given back earlier, as it was given, or nil when there is none.
    func take() -> [UInt8]? {
        buffers.withLock { $0.popLast() }
    }

    /// Keeps `buffer` for a later `take`. Hand it over with `consume` where the caller holds it,
    /// so the pool's copy is the only one and filling it again does not copy it.
    func giveBack(_ buffer: consuming [UInt8]) {
        let kept = consume buffer
        buffers.withLock { $0.append(kept) }
    }
}

extension DispatchSemaphore {
    /// A semaphore holding `count` permits (at least one), counted up from zero: libdispatch
    /// refuses to free a semaphore that holds less than it was created with, as a pipeline's may
    /// when its consumer stops early.
    static func permits(_ count: Int) -> DispatchSemaphore {
        let semaphore = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, count) { semaphore.signal() }
        return semaphore
    }
}
