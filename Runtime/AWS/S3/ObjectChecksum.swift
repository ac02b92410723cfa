#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CChecksum

/// A full-object checksum computed while the bytes stream past, in the form S3 expects in
/// `x-amz-checksum-crc32`, `-crc32c` and `-sha256`: the base64 of the big-endian digest.
///
/// Feed it the body chunk by chunk as it is read or received (it is a `ByteSink`, so a download
/// can go straight into it), then call `finalize()` once. CRC-32C is computed by the processor's
/// own instruction where it has one (SSE 4.2, ARMv8 CRC), else, like CRC-32, in Swift (see
/// `CRCTables`); SHA-256 by libcrypto through `PayloadHasher`. It is a class, and not
/// `Sendable`, for the same reason as `PayloadHasher`: one task drives one running checksum.
public final class ObjectChecksum: ByteSink {
    public let algorithm: S3Checksum.Algorithm
    private var state: State

    private enum State {
        case crc(CRCTables, UInt32)
        case acceleratedCRC32C(UInt32)
        case sha256(PayloadHasher)
        case finalized
    }

    /// - Returns: nil for the algorithms not computed here (`crc64nvme`, `sha1`).
    public init?(_ algorithm: S3Checksum.Algorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .crc32: state = .crc(.crc32, 0xFFFF_FFFF)
        case .crc32c: state = Self.crc32cAccelerated ? .acceleratedCRC32C(0xFFFF_FFFF) : .crc(.crc32c, 0xFFFF_FFFF)
        case .sha256:
            guard let hasher = try? PayloadHasher() else { return nil }
            state = .sha256(hasher)
        case .crc64nvme, .sha1: return nil
        }
    }

    /// Adds the next bytes of the object.
    public func update(_ bytes: UnsafeRawBufferPointer) throws {
        switch state {
        case .crc(let tables, let crc): state = .crc(tables, tables.update(crc, with: bytes))
        case .acceleratedCRC32C(let crc):
            state = .acceleratedCRC32C(cchecksum_crc32c_update(crc, bytes.baseAddress, bytes.count))
        case .sha256(let hasher): try hasher.update(bytes)
        case .finalized: throw SigV4Error.hasherAlreadyFinalized
        }
    }

    /// Adds the next bytes of the object.
    public func update(_ bytes: some Sequence<UInt8>) throws {
        try Crypto.withContiguousBytes(bytes) { buffer in Result { try update(buffer) } }.get()
    }

    /// `ByteSink`: the bytes of a download, as they arrive.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try update(bytes)
    }

    /// The checksum of everything added, ready for `PutObjectOptions.checksum` or to compare with
    /// what S3 reports. Can be called once; later calls throw `SigV4Error.hasherAlreadyFinalized`.
    public func finalize() throws -> S3Checksum {
        let digest: [UInt8]
        switch state {
        case .crc(_, let crc), .acceleratedCRC32C(let crc):
            let value = ~crc
            digest = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
        case .sha256(let hasher): digest = try hasher.finalizeDigest()
        case .finalized: throw SigV4Error.hasherAlreadyFinalized
        }
        state = .finalized
        return S3Checksum(algorithm: algorithm, base64Value: Data(digest).base64EncodedString())
    }

    /// Whether this processor computes CRC-32C itself.
    static let crc32cAccelerated = cchecksum_crc32c_accelerated() != 0
}
