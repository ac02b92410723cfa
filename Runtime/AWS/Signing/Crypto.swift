import COpenSSL

/// One-shot SHA-256 and HMAC-SHA256 over libcrypto.
///
/// libcrypto is already linked by the runtime and is far faster than a Swift implementation;
/// these wrappers turn its status codes into `SigV4Error` so no C result is force-unwrapped.
enum Crypto {
    /// SHA-256 produces 32 bytes.
    static let digestLength = Int(SHA256_DIGEST_LENGTH)

    /// Returns the SHA-256 digest of `bytes`.
    static func sha256(_ bytes: some Sequence<UInt8>) throws -> [UInt8] {
        let digest = withContiguousBytes(bytes) { buffer in
            withNonNullBase(buffer) { base -> [UInt8]? in
                var digest = [UInt8](repeating: 0, count: digestLength)
                var length: UInt32 = 0
                let status = digest.withUnsafeMutableBufferPointer { output in
                    EVP_Digest(base, buffer.count, output.baseAddress, &length, EVP_sha256(), nil)
                }
                return status == 1 && Int(length) == digestLength ? digest : nil
            }
        }
        guard let digest else { throw SigV4Error.cryptoFailure(operation: "EVP_Digest(SHA-256)") }
        return digest
    }

    /// Returns HMAC-SHA256(`key`, `message`), the primitive of the signing-key derivation chain.
    static func hmacSHA256(key: [UInt8], message: some Sequence<UInt8>) throws -> [UInt8] {
        guard let keyLength = Int32(exactly: key.count) else {
            throw SigV4Error.cryptoFailure(operation: "HMAC key too long")
        }
        let mac = key.withUnsafeBytes { keyBuffer in
            withNonNullBase(keyBuffer) { keyBase in
                withContiguousBytes(message) { messageBuffer in
                    withNonNullBase(messageBuffer) { messageBase -> [UInt8]? in
                        var mac = [UInt8](repeating: 0, count: digestLength)
                        var length: UInt32 = 0
                        let result = mac.withUnsafeMutableBufferPointer { output in
                            HMAC(
                                EVP_sha256(), keyBase, keyLength,
                                messageBase.assumingMemoryBound(to: UInt8.self), messageBuffer.count,
                                output.baseAddress, &length)
                        }
                        return result != nil && Int(length) == digestLength ? mac : nil
                    }
                }
            }
        }
        guard let mac else { throw SigV4Error.cryptoFailure(operation: "HMAC(SHA-256)") }
        return mac
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
