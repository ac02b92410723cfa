import AWS
import Testing

@Suite("Checksums combined from pieces")
struct ChecksumCombineTests {
    static func checksum(_ algorithm: S3Checksum.Algorithm, of bytes: ArraySlice<UInt8>) throws -> S3Checksum {
        let checksum = try #require(ObjectChecksum(algorithm))
        try checksum.update(bytes)
        return try checksum.finalize()
    }

    @Test(
        "pieces' CRCs joined in order equal the CRC computed over the whole, whatever the cut points",
        arguments: [S3Checksum.Algorithm.crc32, .crc32c])
    func joinedEqualsWhole(algorithm: S3Checksum.Algorithm) throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300_001).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let whole = try Self.checksum(algorithm, of: bytes[...])
        for cuts in [[0, 300_001], [1, 300_001], [100_000, 200_000, 300_001], [7, 8, 65_536, 65_537, 299_999, 300_001]] {
            var start = 0
            var joined: S3Checksum?
            for end in cuts {
                let piece = try Self.checksum(algorithm, of: bytes[start..<end])
                joined = try joined.map { try #require($0.followed(by: piece, length: Int64(end - start))) } ?? piece
                start = end
            }
            #expect(joined == whole, "cut at \(cuts)")
        }
    }

    @Test("an empty piece changes nothing; different algorithms or SHA-256 do not combine")
    func edges() throws {
        let first = try Self.checksum(.crc32c, of: Array("123456789".utf8)[...])
        let empty = try Self.checksum(.crc32c, of: [])
        #expect(first.followed(by: empty, length: 0) == first)
        #expect(first.followed(by: try Self.checksum(.crc32, of: [1]), length: 1) == nil)
        let sha = try Self.checksum(.sha256, of: [1])
        #expect(sha.followed(by: sha, length: 1) == nil)
    }
}
