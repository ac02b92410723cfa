#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension S3Checksum {
    /// The checksum of this checksum's bytes followed by `length` bytes whose checksum is `next`,
    /// computed from the two values alone (zlib's `crc32_combine`): how pieces of an object read
    /// out of order, or over several channels, give the object's full-object CRC.
    ///
    /// - Returns: nil unless both are CRC32 or both CRC32C (SHA-256 does not combine).
    public func followed(by next: S3Checksum, length: Int64) -> S3Checksum? {
        guard algorithm == next.algorithm, let polynomial = CRCCombination.reflectedPolynomial(of: algorithm),
            let first = crcValue, let second = next.crcValue
        else { return nil }
        let value = CRCCombination(reflectedPolynomial: polynomial).combine(first, second, secondLength: length)
        let digest = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
        return S3Checksum(algorithm: algorithm, base64Value: Data(digest).base64EncodedString())
    }

    /// The big-endian CRC the base64 value holds.
    private var crcValue: UInt32? {
        guard let data = Data(base64Encoded: base64Value), data.count == 4 else { return nil }
        return data.reduce(0) { $0 << 8 | UInt32($1) }
    }
}

/// The CRC of two pieces joined, from their CRCs and the second's length, by treating "append
/// n zero bytes" as a 32 × 32 matrix over GF(2) squared once per bit of n (zlib's
/// `crc32_combine`): O(log n) matrix products, no bytes read.
struct CRCCombination {
    private let polynomial: UInt32

    init(reflectedPolynomial polynomial: UInt32) {
        self.polynomial = polynomial
    }

    static func reflectedPolynomial(of algorithm: S3Checksum.Algorithm) -> UInt32? {
        switch algorithm {
        case .crc32: CRCTables.crc32Polynomial
        case .crc32c: CRCTables.crc32cPolynomial
        case .crc64nvme, .sha1, .sha256: nil
        }
    }

    /// The finished CRC of A followed by B, given A's and B's finished CRCs and B's length.
    func combine(_ first: UInt32, _ second: UInt32, secondLength: Int64) -> UInt32 {
        guard secondLength > 0 else { return first }
        // The operator for one zero bit, then squared to two and four bits.
        var odd = [UInt32](repeating: 0, count: 32)
        odd[0] = polynomial
        for bit in 1..<32 { odd[bit] = 1 << (bit - 1) }
        var even = Self.square(odd)
        odd = Self.square(even)
        var crc = first
        var remaining = secondLength
        // Each step squares the operator (one byte, two, four, …) and applies it for each set bit.
        while remaining != 0 {
            even = Self.square(odd)
            if remaining & 1 != 0 { crc = Self.times(even, crc) }
            remaining >>= 1
            guard remaining != 0 else { break }
            odd = Self.square(even)
            if remaining & 1 != 0 { crc = Self.times(odd, crc) }
            remaining >>= 1
        }
        return crc ^ second
    }

    private static func times(_ matrix: [UInt32], _ vector: UInt32) -> UInt32 {
        var sum: UInt32 = 0
        var vector = vector
        var row = 0
        while vector != 0 {
            if vector & 1 != 0 { sum ^= matrix[row] }
            vector >>= 1
            row += 1
        }
        return sum
    }

    private static func square(_ matrix: [UInt32]) -> [UInt32] {
        matrix.map { times(matrix, $0) }
    }
}
