/// Deterministic bytes that do not repeat with any short period (xorshift), so a misplaced or
/// repeated chunk changes the digest.
public enum TestPattern {
    public static func bytes(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            withUnsafeBytes(of: state) { word in
                for byte in word where index < count {
                    bytes[index] = byte
                    index += 1
                }
            }
        }
        return bytes
    }
}
