import AWS
import SFTP

/// Receives a download and writes it to an open SFTP file in large writes.
///
/// libcurl hands the body over in pieces of a few KiB, but libssh2 keeps in flight only the buffer
/// it is given: the pieces are gathered to `SFTPFile.preferredWriteSize` before each write, which
/// is what keeps the upload to the partner fast (see `SFTPFile+BufferSizes`). Memory stays at one
/// buffer whatever the file size.
final class SFTPWriteSink: ByteSink {
    let file: SFTPFile
    /// Bytes handed to the file so far, buffered ones excluded.
    private(set) var bytesWritten: Int64 = 0
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// Called before each write with the bytes written so far; throws to end the copy early.
    private let checkpoint: (_ bytesWritten: Int64) throws -> Void

    init(
        file: SFTPFile, capacity: Int = SFTPFile.preferredWriteSize,
        checkpoint: @escaping (_ bytesWritten: Int64) throws -> Void = { _ in }
    ) {
        self.file = file
        self.capacity = capacity
        self.checkpoint = checkpoint
        buffer.reserveCapacity(capacity)
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

    /// Writes what is buffered; call once after the download ends.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        try checkpoint(bytesWritten)
        try buffer.withUnsafeBytes { try file.write($0) }
        bytesWritten += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}
