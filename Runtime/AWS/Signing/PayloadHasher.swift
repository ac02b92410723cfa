import COpenSSL

/// Incremental SHA-256 for bodies streamed in chunks (multi-gigabyte transfers cannot be held in a
/// Lambda's memory just to sign them).
///
/// It is a final class because it owns a C `EVP_MD_CTX` that must be freed exactly once; `deinit`
/// does that. It is deliberately not `Sendable`: the context is mutable and meant to be driven by
/// the one task reading the body.
public final class PayloadHasher {
    private let context: OpaquePointer
    private var isFinalized = false

    /// Allocates and initialises a SHA-256 context.
    public init() throws {
        guard let context = EVP_MD_CTX_new() else {
            throw SigV4Error.cryptoFailure(operation: "EVP_MD_CTX_new")
        }
        guard EVP_DigestInit_ex(context, SHA256Algorithm.fetched.pointer, nil) == 1 else {
            EVP_MD_CTX_free(context)
            throw SigV4Error.cryptoFailure(operation: "EVP_DigestInit_ex(SHA-256)")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Feeds the next chunk of the body; chunks may be any size, including empty.
    public func update(_ chunk: some Sequence<UInt8>) throws {
        guard !isFinalized else { throw SigV4Error.hasherAlreadyFinalized }
        let status = Crypto.withContiguousBytes(chunk) { buffer in
            Crypto.withNonNullBase(buffer) { base in EVP_DigestUpdate(context, base, buffer.count) }
        }
        guard status == 1 else { throw SigV4Error.cryptoFailure(operation: "EVP_DigestUpdate") }
    }

    /// Feeds a chunk that is already in a raw buffer (e.g. a read from a socket or file) without
    /// copying it.
    public func update(_ chunk: UnsafeRawBufferPointer) throws {
        guard !isFinalized else { throw SigV4Error.hasherAlreadyFinalized }
        let status = Crypto.withNonNullBase(chunk) { base in EVP_DigestUpdate(context, base, chunk.count) }
        guard status == 1 else { throw SigV4Error.cryptoFailure(operation: "EVP_DigestUpdate") }
    }

    /// Returns the hash of everything fed so far. Can be called once; OpenSSL does not allow a
    /// context to continue after finalisation, so later calls throw `hasherAlreadyFinalized`.
    public func finalize() throws -> PayloadHash {
        PayloadHash(value: Hex.encode(try finalizeDigest()))
    }

    /// `finalize()` as the 32 digest bytes.
    func finalizeDigest() throws -> [UInt8] {
        guard !isFinalized else { throw SigV4Error.hasherAlreadyFinalized }
        isFinalized = true
        var digest = [UInt8](repeating: 0, count: Crypto.digestLength)
        var length: UInt32 = 0
        let status = digest.withUnsafeMutableBufferPointer { output in
            EVP_DigestFinal_ex(context, output.baseAddress, &length)
        }
        guard status == 1, Int(length) == Crypto.digestLength else {
            throw SigV4Error.cryptoFailure(operation: "EVP_DigestFinal_ex")
        }
        return digest
    }
}
