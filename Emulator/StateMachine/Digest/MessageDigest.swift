import COpenSSL

/// The digests `States.Hash` offers (and the MD5 of sample SQS messages), computed by OpenSSL's
/// libcrypto, which the emulator links already for SigV4.
public enum MessageDigest {
    /// The digest of `bytes` with OpenSSL's algorithm `name` (`MD5`, `SHA1`, `SHA256`, `SHA384`,
    /// `SHA512`); nil when libcrypto cannot provide it.
    public static func hash(_ bytes: [UInt8], algorithm name: String) -> [UInt8]? {
        guard let algorithm = EVP_MD_fetch(nil, name, nil) else { return nil }
        defer { EVP_MD_free(algorithm) }
        var digest = [UInt8](repeating: 0, count: 64)
        var length: UInt32 = 0
        let status = bytes.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { output in
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, &length, algorithm, nil)
            }
        }
        return status == 1 ? Array(digest.prefix(Int(length))) : nil
    }
}
