/// The bytes of an upload that the server has not acknowledged yet, in file order: those already
/// in flight first, then those not yet handed to libssh2.
///
/// libssh2 1.10's `libssh2_sftp_write` wants to be called with the unacknowledged bytes again,
/// followed by any new ones (it skips what it has already sent and keeps the rest in flight), so
/// the window is the buffer every call is given. Acknowledged bytes are dropped from the front;
/// new ones join at the back while fewer than `capacity` are held, so `capacity` bounds the bytes
/// in flight. Pure: no I/O.
struct SFTPWriteWindow {
    /// The most bytes held (and so in flight) at once.
    let capacity: Int
    private var storage: [UInt8] = []
    /// Where the unacknowledged bytes start in `storage`; the front is compacted away lazily.
    private var start = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Bytes held: in flight or waiting to be sent.
    var count: Int { storage.count - start }

    var isEmpty: Bool { count == 0 }

    /// How many more bytes `append` would take.
    var room: Int { capacity - count }

    /// Takes as many leading bytes of `bytes` as there is room for and returns how many.
    mutating func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        let taken = min(room, bytes.count)
        guard taken > 0 else { return 0 }
        if storage.capacity == 0 { storage.reserveCapacity(capacity + capacity / 4) }
        storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<taken]))
        return taken
    }

    /// Drops `count` acknowledged bytes from the front.
    mutating func acknowledge(_ count: Int) {
        precondition(count >= 0 && count <= self.count, "acknowledged \(count) of \(self.count) bytes")
        start += count
        if start == storage.count {
            storage.removeAll(keepingCapacity: true)
            start = 0
        } else if start >= capacity / 4 {
            // Moving the bytes held once per quarter window acknowledged costs at most four extra
            // passes over the data (memory copies, cheap beside the cipher) and keeps the storage
            // within 1.25 windows: it is held per channel.
            storage.removeSubrange(..<start)
            start = 0
        }
    }

    /// Forgets every byte held (after a failure: libssh2 has dropped its queue too).
    mutating func discard() {
        storage.removeAll(keepingCapacity: true)
        start = 0
    }

    /// Runs `body` with the bytes held, contiguous.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start...])) }
    }
}
