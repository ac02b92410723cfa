import AWS

/// Gathers libcurl's pieces of a few KiB into full buffers for the handoff.
final class HandoffSink: ByteSink {
    private let handoff: BufferHandoff
    private let capacity: Int
    private var buffer: [UInt8]

    init(handoff: BufferHandoff, capacity: Int) {
        self.handoff = handoff
        self.capacity = capacity
        buffer = handoff.emptyBuffer(capacity: capacity)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var remaining = bytes[...]
        while !remaining.isEmpty {
            let taken = remaining.prefix(capacity - buffer.count)
            buffer.append(contentsOf: taken)
            remaining = remaining.dropFirst(taken.count)
            if buffer.count == capacity { try flush() }
        }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        var full = handoff.emptyBuffer(capacity: capacity)
        swap(&full, &buffer)
        try handoff.send(full)
    }
}
