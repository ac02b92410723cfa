import AWS
import SFTP

/// Each leg of the flows alone, with the same clients, sizes and part sizes: what moto takes in and
/// gives out over one connection, and what our client writes to sshd. A flow cannot be faster than
/// its slower leg, so these say how much of the gap to the peers is the S3 server's.
struct SingleLegs {
    let s3: S3Client
    let bucket: String
    let size: Int64

    static let partSize = 8 * 1024 * 1024

    /// GetObject of `key`, the bytes counted and dropped.
    func s3Download(key: String) throws {
        let sink = CountingSink()
        try s3.getObject(bucket: bucket, key: key, into: sink)
        guard sink.count == size else { throw BenchFailure("s3://\(bucket)/\(key) gave \(sink.count) bytes, not \(size)") }
    }

    /// A multipart upload of `size` pattern bytes in 8 MiB parts, each with its CRC32C, completed
    /// with the full-object CRC32C, as SFTP → S3 sends them, one part at a time.
    func s3Upload(key: String) throws {
        let part = [UInt8]((0..<Self.partSize).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let options = PutObjectOptions(checksum: S3Checksum(algorithm: .crc32c, base64Value: ""), checksumType: .fullObject)
        let upload = try s3.createMultipartUpload(bucket: bucket, key: key, options: options)
        guard let whole = ObjectChecksum(.crc32c) else { throw BenchFailure("CRC32C is not computed here") }
        var parts: [MultipartPart] = []
        var offset: Int64 = 0
        while offset < size {
            let bytes = Array(part.prefix(Int(min(Int64(Self.partSize), size - offset))))
            let checksum = ObjectChecksum(.crc32c)
            try checksum?.update(bytes)
            try whole.update(bytes)
            parts.append(try s3.uploadPart(
                bucket: bucket, key: key, uploadID: upload, partNumber: parts.count + 1,
                body: .stream(length: Int64(bytes.count), payloadHash: .unsignedPayload) { BytesSource(bytes) },
                checksum: try checksum?.finalize()))
            offset += Int64(bytes.count)
        }
        _ = try s3.completeMultipartUpload(
            bucket: bucket, key: key, uploadID: upload, parts: parts, fullObjectChecksum: try whole.finalize())
    }

    /// `size` pattern bytes written to `path` in our preferred write size.
    func sftpUpload(to path: String, over configuration: SSHConfiguration) throws {
        let buffer = [UInt8]((0..<SFTPFile.preferredWriteSize).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        try withSFTPSession(configuration) { sftp in
            try sftp.withFile(path, mode: .write) { file in
                var offset: Int64 = 0
                while offset < size {
                    let count = Int(min(Int64(buffer.count), size - offset))
                    try buffer.withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                    offset += Int64(count)
                }
            }
            try sftp.removeFile(path)
        }
    }
}

/// Counts a download's bytes and keeps none.
private final class CountingSink: ByteSink {
    private(set) var count: Int64 = 0

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        count += Int64(bytes.count)
    }
}
