import COpenSSL

/// One-shot SHA-256 and HMAC-SHA256 over libcrypto.
///
/// libcrypto is already linked by the runtime and is far faster than a Swift implementation;
/// these wrappers turn its status codes into `SigV4Error` so no C result is force-unwrapped.
/// OpenSSL 3 looks an algorithm up in its provider tables on every `EVP_sha256()`-based call and
/// every `HMAC()`; fetching SHA-256 once and building HMAC from two digests (RFC 2104) skips those
/// look-ups, which cost more than hashing a request.
enum Crypto {
    /// SHA-256 produces 32 bytes.
    static let digestLength = Int(SHA256_DIGEST_LENGTH)
    /// SHA-256 works on 64-byte blocks, the size HMAC pads its key to.
    private static let blockLength = 64

    /// Returns the SHA-256 digest of `bytes`.
    static func sha256(_ bytes: some Sequence<UInt8>) throws -> [UInt8] {
        let digest = withContiguousBytes(bytes) { buffer in
            withDigestContext { context in hash(context, buffer) }
        }
        guard let digest else { throw SigV4Error.cryptoFailure(operation: "EVP_Digest(SHA-256)") }
        return digest
    }

    /// Returns HMAC-SHA256(`key`, `message`), the primitive of the signing-key derivation chain.
    static func hmacSHA256(key: [UInt8], message: some Sequence<UInt8>) throws -> [UInt8] {
        let shortKey = key.count > blockLength ? try sha256(key) : key
        // The key zero-padded to a block and XORed with 0x36 (inner pad), then the same with 0x5C.
        var pads = [UInt8](repeating: 0x36, count: 2 * blockLength)
        for index in blockLength..<(2 * blockLength) { pads[index] = 0x5C }
        for (index, byte) in shortKey.enumerated() {
            pads[index] ^= byte
            pads[blockLength + index] ^= byte
        }
        let mac = pads.withUnsafeBytes { padBuffer in
            withContiguousBytes(message) { messageBuffer in
                withDigestContext { context in
                    hash(context, UnsafeRawBufferPointer(rebasing: padBuffer[..<blockLength]), messageBuffer).flatMap { inner in
                        inner.withUnsafeBytes { innerBuffer in
                            hash(context, UnsafeRawBufferPointer(rebasing: padBuffer[blockLength...]), innerBuffer)
                        }
                    }
                }
            }
        }
        guard let mac else { throw SigV4Error.cryptoFailure(operation: "HMAC(SHA-256)") }
        return mac
    }

    /// Runs `body` with a digest context, or returns nil when libcrypto cannot allocate one.
    private static func withDigestContext(_ body: (OpaquePointer) -> [UInt8]?) -> [UInt8]? {
        guard let context = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(context) }
        return body(context)
    }

    /// SHA-256 of `first` followed by `second`, or nil when libcrypto fails. `context` is
    /// re-initialised, so one context serves both hashes of an HMAC.
    private static func hash(
        _ context: OpaquePointer, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    ) -> [UInt8]? {
        guard EVP_DigestInit_ex(context, SHA256Algorithm.fetched.pointer, nil) == 1,
            withNonNullBase(first, { EVP_DigestUpdate(context, $0, first.count) }) == 1,
            second.isEmpty || withNonNullBase(second, { EVP_DigestUpdate(context, $0, second.count) }) == 1
        else { return nil }
        var digest = [UInt8](repeating: 0, count: digestLength)
        var length: UInt32 = 0
        let status = digest.withUnsafeMutableBufferPointer { output in EVP_DigestFinal_ex(context, output.baseAddress, &length) }
        return status == 1 && Int(length) == digestLength ? digest : nil
    }

    /// Runs `body` over contiguous bytes, copying only when the sequence has no contiguous storage
    /// (native strings' UTF-8 views, arrays and `Data` never copy).
    static func withContiguousBytes<R>(
        _ bytes: some Sequence<UInt8>, _ body: (UnsafeRawBufferPointer) -> R
    ) -> R {
        if let result = bytes.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes(body)
    }

    /// Supplies a non-null pointer even for empty input: an empty buffer may have a nil base
    /// address, and libcrypto treats a NULL key or message specially (e.g. "reuse previous key").
    static func withNonNullBase<R>(_ buffer: UnsafeRawBufferPointer, _ body: (UnsafeRawPointer) -> R) -> R {
        if let base = buffer.baseAddress { return body(base) }
        return withUnsafePointer(to: UInt8(0)) { placeholder in body(UnsafeRawPointer(placeholder)) }
    }
}

/// SHA-256 fetched from libcrypto's default provider once for the process.
///
/// A fetched `EVP_MD` is immutable and reference-counted by libcrypto, which documents it as safe
/// to share between threads: that is the whole of the `@unchecked Sendable` reasoning. It is never
/// freed, like the provider tables it points into.
final class SHA256Algorithm: @unchecked Sendable {
    static let fetched = SHA256Algorithm()

    let pointer: OpaquePointer?

    private init() {
        pointer = EVP_MD_fetch(nil, "SHA256", nil)
    }
}
