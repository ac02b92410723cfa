import AWS
import Foundation
import MotoPeer
import Glibc
import Testing

/// Test data: deterministic bytes, files written straight into sshd's directory, and digests.
enum TestFiles {

    /// Writes `size` pattern bytes to a local file in 8 MiB blocks (each block seeded by its
    /// index), so a 1 GB file never sits in memory.
    static func writePattern(size: Int64, to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let block: Int64 = 8 * 1024 * 1024
        var offset: Int64 = 0
        while offset < size {
            let count = Int(min(block, size - offset))
            try handle.write(contentsOf: TestPattern.bytes(count: count, seed: UInt64(offset / block) &+ 1))
            offset += Int64(count)
        }
    }

    /// SHA-256 of a local file (hex), read in blocks.
    static func sha256(ofFile path: String) throws -> String {
        let digest = try #require(ObjectChecksum(.sha256))
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 8 * 1024 * 1024), !chunk.isEmpty {
            try digest.update(chunk)
        }
        return try digest.finalize().base64Value
    }

    /// SHA-256 of an S3 object, streamed.
    static func sha256(bucket: String, key: String, s3: S3Client) throws -> String {
        let digest = try #require(ObjectChecksum(.sha256))
        try s3.getObject(bucket: bucket, key: key, into: digest)
        return try digest.finalize().base64Value
    }

    /// The object's bytes in memory (small objects).
    static func contents(bucket: String, key: String, s3: S3Client) throws -> [UInt8] {
        try s3.getObject(bucket: bucket, key: key).body
    }

    /// Uploads a local file as one object, streamed from disk.
    static func upload(file path: String, bucket: String, key: String, s3: S3Client) throws {
        let size = try (FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        try s3.putObject(
            bucket: bucket, key: key,
            body: .stream(length: size, payloadHash: .unsignedPayload) { try FileSource(path: path) })
    }

    /// Size of a local file, nil when it does not exist.
    static func size(of path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }
}

/// A local file as a request body.
final class FileSource: ByteSource {
    private let handle: FileHandle

    init(path: String) throws {
        handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    }

    deinit {
        try? handle.close()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let chunk = try handle.read(upToCount: buffer.count), !chunk.isEmpty else { return 0 }
        chunk.copyBytes(to: buffer)
        return chunk.count
    }
}
