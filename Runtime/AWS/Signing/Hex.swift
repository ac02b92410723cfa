/// Lowercase hexadecimal encoding of digests.
///
/// SigV4 compares hex strings byte for byte and requires lowercase, so this is spelled out instead
/// of relying on `String(format:)` (which would need Foundation and is slow per byte).
enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Returns `bytes` as lowercase hex, two characters per byte.
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
