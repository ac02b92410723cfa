import AWS
import SFTP
import TransferCore

/// Reads a remote file's parts for a multipart upload over one or several SFTP channels of one
/// connection: each channel (a "lane", one open handle) reads its own contiguous run of parts in
/// order, so libssh2's read-ahead on each handle stays sequential.
///
/// The lanes take turns on the calling thread (libssh2 sessions are single-threaded): one read
/// call each per turn. A handle's read-ahead stays in flight while the others are read, so `n`
/// lanes keep `n` read-aheads on the link at once, each on its own channel window. Each read asks
/// for at most a quarter of what is left of its lane, since libssh2 asks the server for four times
/// the requested size ahead: a lane does not fetch its neighbour's bytes, but for less than one
/// request (libssh2 rounds its last request of a call up to the read's size, at most 30,000 bytes).
///
/// Every part is read, the kept ones of a resumed upload too, for the full-object checksum: each
/// part's CRC is computed as it completes and the parts' CRCs are joined in file order
/// (`S3Checksum.followed(by:length:)`), since parts complete out of order.
final class PartReader {
    let ranges: PartRanges
    private let algorithm: S3Checksum.Algorithm
    private let lanes: [Lane]

    /// The channels read over.
    var channels: Int { lanes.count }

    /// - Parameters:
    ///   - files: one open handle per lane, each on its own SFTP channel.
    ///   - readSize: the most each read call asks for: it sets each lane's read-ahead (four times it).
    init(files: [SFTPFile], ranges: PartRanges, algorithm: S3Checksum.Algorithm, readSize: Int) throws {
        guard algorithm == .crc32c || algorithm == .crc32 else {
            throw TransferError.nonRetryable(
                "\(algorithm.rawValue) cannot be joined from parts read out of order; use CRC32C or CRC32")
        }
        self.ranges = ranges
        self.algorithm = algorithm
        let count = min(files.count, ranges.count)
        lanes = (0..<count).map { lane in
            let parts = (ranges.count * lane / count)..<(ranges.count * (lane + 1) / count)
            return Lane(file: files[lane], parts: parts, ranges: ranges, readSize: readSize)
        }
    }

    /// Reads every part once and submits those `plan` does not keep to `pipeline`; returns the
    /// full-object checksum.
    ///
    /// A lane whose part is complete while the pipeline is full keeps it and skips its turns, so
    /// the other lanes go on reading meanwhile; only when every lane waits so does the loop.
    ///
    /// - Parameter beforeUpload: called with each part's index before it is submitted; a throw
    ///   (a stop) ends the reading.
    func readAll(
        keeping plan: MultipartResumePlan, into pipeline: PartUploadPipeline, beforeUpload: (Int) throws -> Void
    ) throws -> S3Checksum {
        var checksums = [S3Checksum?](repeating: nil, count: ranges.count)
        while lanes.contains(where: { !$0.isDone || $0.waiting != nil }) {
            for lane in lanes {
                if let waiting = lane.waiting {
                    if try pipeline.submitIfRoom(partNumber: waiting.index + 1, bytes: lane.takeBuffer, checksum: waiting.checksum) {
                        lane.waiting = nil
                    }
                    continue
                }
                guard !lane.isDone, let index = try lane.readOnce(takingBuffer: pipeline.buffer) else { continue }
                let checksum = try partChecksum(lane.buffer)
                checksums[index] = checksum
                if plan.keeps(partIndex: index) {
                    lane.reuseBuffer()
                } else {
                    try beforeUpload(index)
                    if try !pipeline.submitIfRoom(partNumber: index + 1, bytes: lane.takeBuffer, checksum: checksum) {
                        lane.waiting = (index, checksum)
                    }
                }
            }
            if let blocked = lanes.first(where: { $0.waiting != nil }), lanes.allSatisfy({ $0.waiting != nil || $0.isDone }),
                let waiting = blocked.waiting
            {
                try pipeline.submit(partNumber: waiting.index + 1, bytes: blocked.takeBuffer(), checksum: waiting.checksum)
                blocked.waiting = nil
            }
        }
        return join(checksums.compactMap { $0 })
    }

    private func partChecksum(_ bytes: [UInt8]) throws -> S3Checksum {
        let checksum = ObjectChecksum(algorithm)!
        try checksum.update(bytes)
        return try checksum.finalize()
    }

    private func join(_ checksums: [S3Checksum]) -> S3Checksum {
        var whole = checksums[0]
        for index in checksums.indices.dropFirst() {
            whole = whole.followed(by: checksums[index], length: ranges.length(of: index))!
        }
        return whole
    }
}

extension PartReader {
    /// One handle reading a contiguous run of parts, one read call at a time.
    private final class Lane {
        let file: SFTPFile
        let ranges: PartRanges
        let readSize: Int
        private let parts: Range<Int>
        /// The part being filled.
        private var index: Int
        private(set) var buffer: [UInt8] = []
        private var filled = 0
        private var hasBuffer = false
        private var needsSeek: Bool
        /// A complete part (in `buffer`) the pipeline had no room for yet.
        var waiting: (index: Int, checksum: S3Checksum)?
        /// Where the next read starts, and where the lane's bytes end (exclusive).
        private var position: Int64
        private let end: Int64

        init(file: SFTPFile, parts: Range<Int>, ranges: PartRanges, readSize: Int) {
            self.file = file
            self.parts = parts
            self.ranges = ranges
            self.readSize = readSize
            index = parts.lowerBound
            position = ranges[parts.lowerBound].lowerBound
            end = ranges[parts.upperBound - 1].lowerBound + ranges.length(of: parts.upperBound - 1)
            needsSeek = position > 0
        }

        var isDone: Bool { index == parts.upperBound }

        /// Reads once into the current part; returns its index when that completed it (its bytes
        /// are then `buffer` until `takeBuffer` or `reuseBuffer`).
        func readOnce(takingBuffer newBuffer: () -> [UInt8]) throws -> Int? {
            let length = Int(ranges.length(of: index))
            if needsSeek {
                try file.seek(to: UInt64(position))
                needsSeek = false
            }
            if !hasBuffer {
                buffer = newBuffer()
                hasBuffer = true
                filled = 0
            }
            // Resized in place: a reused buffer keeps its memory.
            if buffer.count > length { buffer.removeLast(buffer.count - length) }
            if buffer.count < length { buffer.append(contentsOf: repeatElement(0, count: length - buffer.count)) }
            if filled < length {
                let tail = max(1, Int(min(end - position, Int64(Int.max)) / 4))
                let wanted = min(readSize, length - filled, tail)
                let count = try buffer.withUnsafeMutableBytes {
                    try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled..<filled + wanted]))
                }
                guard count > 0 else {
                    throw TransferError(
                        kind: .transient,
                        message: "\(file.path) ended before its \(ranges.size) bytes: it changed while being read")
                }
                filled += count
                position += Int64(count)
            }
            guard filled == length else { return nil }
            defer { index += 1 }
            return index
        }

        /// Hands the completed part's buffer over; the next part takes a new one.
        func takeBuffer() -> [UInt8] {
            hasBuffer = false
            defer { buffer = [] }
            return buffer
        }

        /// Keeps the completed part's buffer for the next part (a kept part is not uploaded).
        func reuseBuffer() {
            filled = 0
        }
    }
}

extension PartRanges {
    /// The number of bytes in part `index`.
    func length(of index: Int) -> Int64 {
        let range = self[index]
        return Swift.max(0, Swift.min(range.upperBound + 1, size) - range.lowerBound)
    }
}
