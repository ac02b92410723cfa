import Dispatch
import SFTP
import Synchronization

/// Full buffers passed from a producer thread to a consumer thread, at most `depth` waiting, so a
/// download and an upload overlap in bounded memory.
///
/// The producer ends it with `close(failure:)` after its last buffer; the consumer may give up
/// with `cancel()`, after which the producer's next `send` throws `Cancelled`. Buffers the
/// consumer is done with come back through `recycle`, so a long copy allocates (and the kernel
/// maps) only a few.
final class BufferHandoff: Sendable {
    /// What `send` throws once the consumer has given up.
    struct Cancelled: Error {}

    private struct State {
        var waiting: [[UInt8]] = []
        var closed = false
        var failure: (any Error)?
        var cancelled = false
    }

    private let state = Mutex(State())
    private let spare = BufferPool()
    private let spaces: DispatchSemaphore
    private let items = DispatchSemaphore(value: 0)

    init(depth: Int) {
        spaces = .permits(depth)
    }

    /// Producer: an empty buffer to fill, a recycled one when there is one.
    func emptyBuffer(capacity: Int) -> [UInt8] {
        if let recycled = spare.take() { return recycled }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(capacity)
        return buffer
    }

    /// Producer: queues a full buffer, waiting while `depth` are queued already.
    func send(_ buffer: [UInt8]) throws {
        spaces.wait()
        let cancelled = state.withLock { state in
            if !state.cancelled { state.waiting.append(buffer) }
            return state.cancelled
        }
        if cancelled { throw Cancelled() }
        items.signal()
    }

    /// Producer: no more buffers; `failure` when the download failed.
    func close(failure: (any Error)?) {
        state.withLock { state in
            state.closed = true
            state.failure = failure
        }
        items.signal()
    }

    /// Consumer: the next buffer, waiting for it; nil once the producer closed without failure.
    func receive() throws -> [UInt8]? {
        items.wait()
        let (buffer, failure): ([UInt8]?, (any Error)?) = state.withLock { state in
            if !state.waiting.isEmpty { return (state.waiting.removeFirst(), nil) }
            return (nil, state.failure)
        }
        guard let buffer else {
            items.signal()
            if let failure { throw failure }
            return nil
        }
        spaces.signal()
        return buffer
    }

    /// Consumer: the next buffer if one is waiting, without waiting for one; `.end` once the
    /// producer closed without failure and every buffer was taken.
    func poll() throws -> SFTPRange.Input {
        guard items.wait(timeout: .now()) == .success else { return .notYet }
        items.signal()
        guard let buffer = try receive() else { return .end }
        return .bytes(buffer)
    }

    /// Consumer: hands back a buffer it has written, for the producer to fill again.
    func recycle(_ buffer: consuming [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        spare.giveBack(consume buffer)
    }

    /// Consumer: gives up; a producer waiting in `send` wakes and throws `Cancelled`.
    func cancel() {
        state.withLock { $0.cancelled = true }
        spaces.signal()
    }
}
