/// Lowercase hexadecimal encoding of digests.
///
/// SigV4 compares hex strings byte for byte and requires lowercase, so this is spelled out instead
/// of relying on `String(format:)` (which would need Foundation and is slow per byte).
enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Returns `bytes` as lowercase hex, two characters per byte.
    static func encode(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            for (index, byte) in bytes.enumerated() {
                output[2 * index] = digits[Int(byte >> 4)]
                output[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        }
    }
}
