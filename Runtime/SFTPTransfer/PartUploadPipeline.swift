import AWS
import Dispatch
import Synchronization

/// Uploads parts on a thread of its own while the caller reads the next ones, so reading from the
/// partner and sending to S3 overlap instead of taking turns.
///
/// At most `depth` parts are in flight; `submit` blocks until one of them is done. Buffers are
/// reused from part to part (`buffer()`), so a file of any size allocates (and has the kernel
/// map) only those its reader fills at once plus `depth`. The first failure is kept: later
/// submissions rethrow it and `finish` does too, after the parts in flight have settled (a part
/// that completed is in S3 and counts for a resume).
final class PartUploadPipeline: Sendable {
    typealias Upload = @Sendable (_ partNumber: Int, _ bytes: [UInt8], _ checksum: S3Checksum) throws -> MultipartPart

    private struct State {
        var parts: [MultipartPart] = []
        var failure: (any Error)?
    }

    private let upload: Upload
    private let queue = DispatchQueue(label: "part-upload")
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let state = Mutex(State())
    private let spare = BufferPool()

    init(depth: Int = 1, upload: @escaping Upload) {
        self.upload = upload
        slots = .permits(depth)
    }

    /// A buffer for the next part: an uploaded part's, holding its old bytes, or a new one.
    func buffer() -> [UInt8] {
        spare.take() ?? []
    }

    /// Queues part `partNumber` with its checksum, waiting while the pipeline is full.
    func submit(partNumber: Int, bytes: consuming [UInt8], checksum: S3Checksum) throws {
        slots.wait()
        try enqueue(partNumber: partNumber, bytes: bytes, checksum: checksum)
    }

    /// Queues part `partNumber` when the pipeline has room, taking its bytes from `bytes` only
    /// then; returns false, taking nothing, when it is full.
    func submitIfRoom(partNumber: Int, bytes: () -> [UInt8], checksum: S3Checksum) throws -> Bool {
        guard slots.wait(timeout: .now()) == .success else { return false }
        try enqueue(partNumber: partNumber, bytes: bytes(), checksum: checksum)
        return true
    }

    /// Sends a part over a slot already taken.
    private func enqueue(partNumber: Int, bytes: consuming [UInt8], checksum: S3Checksum) throws {
        if let failure = state.withLock({ $0.failure }) {
            slots.signal()
            throw failure
        }
        let bytes = consume bytes
        queue.async(group: group) { [self] in
            defer { slots.signal() }
            do {
                let part = try upload(partNumber, bytes, checksum)
                state.withLock { $0.parts.append(part) }
                spare.giveBack(bytes)
            } catch {
                state.withLock { if $0.failure == nil { $0.failure = error } }
            }
        }
    }

    /// Waits for every queued part and returns them, or throws the first failure.
    func finish() throws -> [MultipartPart] {
        group.wait()
        let (parts, failure) = state.withLock { ($0.parts, $0.failure) }
        if let failure { throw failure }
        return parts
    }
}
