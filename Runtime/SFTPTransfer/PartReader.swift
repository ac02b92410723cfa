import AWS
import SFTP
import TransferCore

/// Reads a remote file part by part for a multipart upload, feeding every byte once to the
/// full-object checksum.
final class PartReader {
    let file: SFTPFile
    let ranges: PartRanges
    private let checksum: ObjectChecksum
    /// Where the next read starts; seeking only when a read elsewhere is wanted keeps libssh2's
    /// read-ahead, which a seek discards.
    private var position: Int64 = 0

    init(file: SFTPFile, ranges: PartRanges, algorithm: S3Checksum.Algorithm) throws {
        guard let checksum = ObjectChecksum(algorithm) else {
            throw TransferError.nonRetryable("\(algorithm.rawValue) cannot be computed while streaming; use CRC32C or CRC32")
        }
        self.file = file
        self.ranges = ranges
        self.checksum = checksum
    }

    /// Reads the first `offset` bytes into the checksum only (the parts a resumed upload keeps).
    func checksumKeptPrefix(upTo offset: Int64) throws {
        var chunk = [UInt8](repeating: 0, count: SFTPFile.preferredReadSize)
        var remaining = offset
        try move(to: 0)
        while remaining > 0 {
            let wanted = Int(min(Int64(chunk.count), remaining))
            let count = try chunk.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted])) }
            guard count > 0 else { throw shortFile() }
            try chunk.withUnsafeBytes { try checksum.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            remaining -= Int64(count)
            position += Int64(count)
        }
    }

    /// Reads part `index` (0-based) into `part`, replacing what it held, from where the previous
    /// call stopped.
    func readPart(_ index: Int, into part: inout [UInt8]) throws {
        let range = ranges[index]
        let length = max(0, Int(min(range.upperBound + 1, ranges.size) - range.lowerBound))
        if part.count != length { part = [UInt8](repeating: 0, count: length) }
        var filled = 0
        try move(to: range.lowerBound)
        while filled < part.count {
            let wanted = min(SFTPFile.preferredReadSize, part.count - filled)
            let count = try part.withUnsafeMutableBytes {
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled..<filled + wanted]))
            }
            guard count > 0 else { throw shortFile() }
            filled += count
        }
        position += Int64(filled)
        try checksum.update(part)
    }

    private func move(to offset: Int64) throws {
        guard offset != position else { return }
        try file.seek(to: UInt64(offset))
        position = offset
    }

    func finalize() throws -> S3Checksum {
        try checksum.finalize()
    }

    private func shortFile() -> TransferError {
        TransferError(kind: .transient, message: "\(file.path) ended before its \(ranges.size) bytes: it changed while being read")
    }
}
