import Glibc
import SFTP
import SFTPTransfer

/// Our upload of a local file, split as S3 → SFTP splits an object (`ParallelUpload`): one
/// pipelined stream, or one range per channel of the connection, each read with `pread`.
struct LocalUpload {
    let path: String
    let size: Int64

    static let bufferSize = SFTPFile.preferredWriteSize

    func send(to remote: String, over configuration: SSHConfiguration, _ parallel: ParallelUpload) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BenchFailure("cannot open \(path)") }
        defer { close(descriptor) }
        let ranges = parallel.ranges(size: size)
        try withSFTPSession(configuration) { sftp in
            if ranges.count > 1 {
                try sftp.withFile(remote, mode: .write) { _ in }
                try sftp.writeRanges(remote, ranges.map { range in
                    var offset = range.lowerBound
                    return SFTPRange(offset: UInt64(offset)) {
                        guard offset <= range.upperBound else { return .end }
                        let bytes = try Self.read(descriptor, at: offset, count: min(Int64(Self.bufferSize), range.upperBound + 1 - offset))
                        offset += Int64(bytes.count)
                        return .bytes(bytes)
                    }
                })
            } else {
                try sftp.withFile(remote, mode: .write) { file in
                    var offset: Int64 = 0
                    while offset < size {
                        let bytes = try Self.read(descriptor, at: offset, count: min(Int64(Self.bufferSize), size - offset))
                        try file.write(bytes)
                        offset += Int64(bytes.count)
                    }
                }
            }
        }
    }

    private static func read(_ descriptor: Int32, at offset: Int64, count: Int64) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Int(count))
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard read == Int(count) else { throw BenchFailure("short read of the local file at \(offset)") }
        return bytes
    }
}
