import Foundation
import Synchronization

/// One direction of a `DelayingProxy` connection: chunks read from one socket wait here until
/// `delay` after they arrived, then go to the other socket, in order, so the link behaves like a
/// long pipe rather than a slow one.
///
/// At most `limit` bytes wait; the reader then blocks, which stops it reading and lets TCP's own
/// flow control push back on the sender, as a full router queue would.
final class DelayLine: Sendable {
    private struct Chunk {
        var bytes: [UInt8]
        var due: ContinuousClock.Instant
    }

    private struct State {
        var chunks: [Chunk] = []
        var head = 0
        var bytesWaiting = 0
        /// The reader has seen the end of its stream (or the proxy stopped).
        var ended = false
    }

    let delay: Duration
    let limit: Int
    private let state = Mutex(State())
    private let changed = NSCondition()

    init(delay: Duration, limit: Int) {
        self.delay = delay
        self.limit = limit
    }

    /// Reader side: queues `bytes` due `delay` from now, waiting while `limit` bytes wait already.
    /// Returns false once the line has ended.
    func push(_ bytes: [UInt8]) -> Bool {
        changed.lock()
        defer { changed.unlock() }
        while true {
            let (ended, full) = state.withLock { ($0.ended, $0.bytesWaiting >= limit) }
            if ended { return false }
            if !full { break }
            changed.wait()
        }
        let due = ContinuousClock.now.advanced(by: delay)
        state.withLock { state in
            state.chunks.append(Chunk(bytes: bytes, due: due))
            state.bytesWaiting += bytes.count
        }
        changed.broadcast()
        return true
    }

    /// Writer side: the next chunk once it is due, nil when the line has ended and is empty.
    func pop() -> [UInt8]? {
        changed.lock()
        var next: Chunk?
        while true {
            let (chunk, ended): (Chunk?, Bool) = state.withLock { state in
                guard state.head < state.chunks.count else { return (nil, state.ended) }
                let chunk = state.chunks[state.head]
                state.head += 1
                state.bytesWaiting -= chunk.bytes.count
                if state.head > 1024 {
                    state.chunks.removeFirst(state.head)
                    state.head = 0
                }
                return (chunk, state.ended)
            }
            if let chunk {
                next = chunk
                break
            }
            if ended {
                changed.unlock()
                return nil
            }
            changed.wait()
        }
        changed.broadcast()
        changed.unlock()
        guard let next else { return nil }
        let wait = ContinuousClock.now.duration(to: next.due)
        if wait > .zero { Thread.sleep(forTimeInterval: Double(wait.components.attoseconds) / 1e18 + Double(wait.components.seconds)) }
        return next.bytes
    }

    /// Ends the line: the reader's next push fails; the writer drains what waits, then gets nil.
    func end() {
        changed.lock()
        state.withLock { $0.ended = true }
        changed.broadcast()
        changed.unlock()
    }
}
