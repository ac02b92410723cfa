import AWS
import Testing

/// The streaming hasher must agree with the one-shot hash however the body is chunked.
@Suite("Payload hashing")
struct PayloadHasherTests {
    /// Deterministic pseudo-random bytes (xorshift), so failures are reproducible.
    static func body(count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    @Test func knownVectors() throws {
        #expect(try PayloadHash.sha256(of: "abc".utf8).value == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try PayloadHash.sha256(of: [UInt8]()) == PayloadHash.emptyBody)
        #expect(try PayloadHasher().finalize() == PayloadHash.emptyBody)
        #expect(PayloadHash.unsignedPayload.value == "UNSIGNED-PAYLOAD")
    }

    @Test(arguments: [1, 7, 64, 4_096, 65_537, 1_000_000])
    func chunkedEqualsOneShot(chunkSize: Int) throws {
        let body = Self.body(count: 1_048_576 + 3)
        let hasher = try PayloadHasher()
        var offset = 0
        while offset < body.count {
            let end = min(offset + chunkSize, body.count)
            try hasher.update(body[offset..<end])
            try hasher.update([UInt8]())
            offset = end
        }
        #expect(try hasher.finalize() == PayloadHash.sha256(of: body))
    }

    @Test func rawBufferUpdates() throws {
        let body = Self.body(count: 10_000)
        let hasher = try PayloadHasher()
        try body.withUnsafeBytes { buffer in
            try hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<3_333]))
            try hasher.update(UnsafeRawBufferPointer(rebasing: buffer[3_333...]))
        }
        #expect(try hasher.finalize() == PayloadHash.sha256(of: body))
    }

    @Test func refusesUseAfterFinalize() throws {
        let hasher = try PayloadHasher()
        try hasher.update("data".utf8)
        _ = try hasher.finalize()
        #expect(throws: SigV4Error.hasherAlreadyFinalized) { try hasher.finalize() }
        #expect(throws: SigV4Error.hasherAlreadyFinalized) { try hasher.update("more".utf8) }
    }
}
