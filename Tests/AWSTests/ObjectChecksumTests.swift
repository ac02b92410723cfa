@testable import AWS
import CChecksum
import Testing

@Suite("Object checksums")
struct ObjectChecksumTests {
    static func checksum(_ algorithm: S3Checksum.Algorithm, of bytes: [UInt8], chunk: Int = .max) throws -> String {
        let checksum = try #require(ObjectChecksum(algorithm))
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            try checksum.update(bytes[offset..<end])
            offset = end
        }
        return try checksum.finalize().base64Value
    }

    @Test("published check values, as base64 of the big-endian digest", arguments: [
        (S3Checksum.Algorithm.crc32, "123456789", "y/Q5Jg=="),  // 0xCBF43926
        (.crc32c, "123456789", "4waSgw=="),  // 0xE3069283
        (.crc32, "The quick brown fox jumps over the lazy dog", "QU+jOQ=="),  // 0x414FA339
        (.crc32c, "The quick brown fox jumps over the lazy dog", "ImIEBA=="),  // 0x22620404
        (.crc32, "", "AAAAAA=="),
        (.crc32c, "", "AAAAAA=="),
        (.sha256, "123456789", "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="),
    ])
    func knownValues(algorithm: S3Checksum.Algorithm, text: String, expected: String) throws {
        #expect(try Self.checksum(algorithm, of: Array(text.utf8)) == expected)
    }

    @Test("chunking does not change the value", arguments: [S3Checksum.Algorithm.crc32, .crc32c, .sha256])
    func chunkedEqualsWhole(algorithm: S3Checksum.Algorithm) throws {
        let body = PayloadHasherTests.body(count: 100_003)
        let whole = try Self.checksum(algorithm, of: body)
        for chunk in [1, 3, 7, 8, 9, 4_096, 65_537] {
            #expect(try Self.checksum(algorithm, of: body, chunk: chunk) == whole)
        }
    }

    @Test(
        "the processor's CRC-32C equals the table-driven one at every length and alignment",
        .enabled(if: ObjectChecksum.crc32cAccelerated, "this processor has no CRC-32C instruction"))
    func acceleratedCRC32CMatchesTables() {
        let body = PayloadHasherTests.body(count: 4_096)
        body.withUnsafeBytes { all in
            for start in 0..<9 {
                for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1_000, 4_000] {
                    let bytes = UnsafeRawBufferPointer(rebasing: all[start..<start + length])
                    let tables = CRCTables.crc32c.update(0xFFFF_FFFF, with: bytes)
                    #expect(cchecksum_crc32c_update(0xFFFF_FFFF, bytes.baseAddress, bytes.count) == tables)
                }
            }
        }
    }

    @Test("finalising twice is refused; algorithms computed elsewhere are not offered")
    func lifecycle() throws {
        let checksum = try #require(ObjectChecksum(.crc32))
        _ = try checksum.finalize()
        #expect(throws: SigV4Error.hasherAlreadyFinalized) { try checksum.finalize() }
        #expect(ObjectChecksum(.crc64nvme) == nil)
    }
}

extension MotoSuite {
    /// moto records the checksum a PutObject sends, or computes its own when only
    /// `x-amz-sdk-checksum-algorithm` is sent (CRC32C through the `crc32c` package), and returns it
    /// on `x-amz-checksum-mode: ENABLED`.
    @Suite("S3 checksums")
    struct S3ChecksumMotoTests {
        let s3: S3Client
        let bucket = "checksum-tests"
        let body = PayloadHasherTests.body(count: 300_001)

        init() throws {
            let fixture = try MotoFixture.get()
            s3 = S3Client(client: fixture.client())
            try fixture.createBucket(bucket)
        }

        @Test("a checksum computed while streaming is stored and reported back by HeadObject and GetObject",
              arguments: [S3Checksum.Algorithm.crc32, .crc32c, .sha256])
        func sentChecksumComesBack(algorithm: S3Checksum.Algorithm) throws {
            let key = "sent-\(algorithm.rawValue)"
            let source = PatternSource(count: body.count)
            let checksum = try #require(ObjectChecksum(algorithm))
            try checksum.update(PatternSource.bytes(body.count))
            let value = try checksum.finalize()
            try s3.putObject(
                bucket: bucket, key: key,
                body: .stream(length: Int64(body.count), payloadHash: .unsignedPayload, open: { source }),
                options: PutObjectOptions(checksum: value))
            #expect(try s3.headObject(bucket: bucket, key: key, includingChecksum: true).checksum == value)
            #expect(try s3.headObject(bucket: bucket, key: key).checksum == nil)
            let download = try #require(ObjectChecksum(algorithm))
            let response = try s3.client.send(
                AWSRequest(method: "GET", path: "/" + key, headers: [("x-amz-checksum-mode", "ENABLED")], bucket: bucket),
                to: .s3, operation: "GetObject", sink: download)
            #expect(response.header("x-amz-checksum-\(algorithm.rawValue.lowercased())") == value.base64Value)
            #expect(try download.finalize() == value, "the downloaded bytes hash to the stored value")
        }

        @Test("our value equals the one moto computes itself", arguments: [S3Checksum.Algorithm.crc32, .crc32c, .sha256])
        func matchesMotosOwn(algorithm: S3Checksum.Algorithm) throws {
            let key = "computed-\(algorithm.rawValue)"
            _ = try s3.client.send(
                AWSRequest(
                    method: "PUT", path: "/" + key, headers: [("x-amz-sdk-checksum-algorithm", algorithm.rawValue)],
                    body: .bytes(body), bucket: bucket),
                to: .s3, operation: "PutObject")
            let ours = try #require(ObjectChecksum(algorithm))
            try ours.update(body)
            #expect(try s3.headObject(bucket: bucket, key: key, includingChecksum: true).checksum == ours.finalize())
        }
    }
}
