/// Table-driven CRC-32 with slicing-by-8: eight 256-entry tables let the loop fold eight bytes
/// per step instead of one, about five times the speed of the byte-wise loop, in plain Swift.
///
/// Both CRCs S3 offers are reflected 32-bit CRCs with all-ones initial value and final XOR; they
/// differ only in the polynomial.
struct CRCTables: Sendable {
    /// CRC-32 (IEEE 802.3, zlib's `crc32`), S3's `CRC32`.
    static let crc32 = CRCTables(reflectedPolynomial: crc32Polynomial)
    /// CRC-32C (Castagnoli, iSCSI), S3's `CRC32C`.
    static let crc32c = CRCTables(reflectedPolynomial: crc32cPolynomial)

    /// The reflected polynomials, also for joining CRCs (`CRCCombination`).
    static let crc32Polynomial: UInt32 = 0xEDB8_8320
    static let crc32cPolynomial: UInt32 = 0x82F6_3B78

    /// Table `k` (entries `256 k ..< 256 (k + 1)`) gives the CRC of a byte followed by `k` zero bytes.
    private let entries: [UInt32]

    private init(reflectedPolynomial polynomial: UInt32) {
        var entries = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            entries[byte] = crc
        }
        for table in 1..<8 {
            for byte in 0..<256 {
                let previous = entries[(table - 1) * 256 + byte]
                entries[table * 256 + byte] = (previous >> 8) ^ entries[Int(previous & 0xFF)]
            }
        }
        self.entries = entries
    }

    /// Continues `crc` (the running value, already inverted: start from `0xFFFFFFFF` and invert at
    /// the end) over `bytes`.
    func update(_ crc: UInt32, with bytes: UnsafeRawBufferPointer) -> UInt32 {
        entries.withUnsafeBufferPointer { table in
            var crc = crc
            var offset = 0
            while bytes.count - offset >= 8 {
                let low = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) ^ crc
                let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
                crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                offset += 8
            }
            while offset < bytes.count {
                crc = table[Int((crc ^ UInt32(bytes[offset])) & 0xFF)] ^ (crc >> 8)
                offset += 1
            }
            return crc
        }
    }
}
