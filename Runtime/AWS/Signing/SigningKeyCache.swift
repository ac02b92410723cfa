import Synchronization

/// Derived signing keys by secret, day, region and service, shared by every signer in the process.
///
/// A key is four chained HMACs and stays valid for the whole UTC day of its scope, so deriving it
/// once per day instead of once per request takes four fifths of the signature's hashing away. The
/// cache holds derived keys, never more sensitive than the secret they come from, and is emptied
/// whenever it grows past a few dozen entries (old days, rotated secrets).
final class SigningKeyCache: Sendable {
    static let shared = SigningKeyCache()

    private struct Scope: Hashable {
        let secretAccessKey: String
        /// Days since 1970-01-01 (UTC), the day of the key's `YYYYMMDD` scope.
        let day: Int
        let region: String
        let service: String
    }

    private let keys = Mutex<[Scope: [UInt8]]>([:])
    private let capacity = 32

    /// The signing key for `signer`'s region and service on `date`'s day, derived on first use.
    func key(for signer: SigV4Signer, secretAccessKey: String, date: AmzDate) throws -> [UInt8] {
        let seconds = date.secondsSinceEpoch
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let scope = Scope(secretAccessKey: secretAccessKey, day: day, region: signer.region, service: signer.service)
        if let key = keys.withLock({ $0[scope] }) { return key }
        let key = try signer.signingKey(secretAccessKey: secretAccessKey, date: date)
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll() }
            keys[scope] = key
        }
        return key
    }
}
