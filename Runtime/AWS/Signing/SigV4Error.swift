/// Failures the signer can report.
///
/// Signing is pure string and byte work, so the only things that can go wrong are a libcrypto
/// call failing (allocation failure, in practice) and a caller asking for something AWS would
/// reject anyway; both are surfaced as errors rather than traps so a Lambda can log and fail one
/// transfer instead of crashing the whole invocation.
public enum SigV4Error: Error, Sendable, Hashable {
    /// A libcrypto call returned failure; `operation` names the call for the log.
    case cryptoFailure(operation: String)
    /// `PayloadHasher.finalize()` was already called; OpenSSL contexts cannot be resumed after
    /// finalisation, so further use is refused instead of producing a wrong digest.
    case hasherAlreadyFinalized
    /// A presigned URL lifetime outside AWS's accepted 1...604800 seconds (7 days).
    case invalidExpiry(seconds: Int)
}
