/// The Merkle–Damgård padding MD5 and the SHA family share: a 1 bit, zeros, then the message
/// length in bits, filling the last block exactly.
enum DigestPadding {
    static func pad(_ message: [UInt8], blockSize: Int, lengthFieldSize: Int, littleEndian: Bool) -> [UInt8] {
        var padded = message
        padded.append(0x80)
        while (padded.count + lengthFieldSize) % blockSize != 0 { padded.append(0) }
        let bitLength = UInt64(message.count) &* 8
        var lengthBytes = (0..<8).map { UInt8(truncatingIfNeeded: bitLength >> (8 * $0)) }
        if !littleEndian { lengthBytes.reverse() }
        let zeros = [UInt8](repeating: 0, count: lengthFieldSize - 8)
        padded += littleEndian ? lengthBytes + zeros : zeros + lengthBytes
        return padded
    }

    static func bigEndianWord32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }

    static func bigEndianWord64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 << 8 | UInt64(bytes[offset + $1]) }
    }

    static func bigEndianBytes(_ words: [UInt32]) -> [UInt8] {
        words.flatMap { word in (0..<4).reversed().map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
    }
}
