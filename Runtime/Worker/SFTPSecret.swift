#if canImport(FoundationEssentials)
import FoundationEssentials
import Jobs
#else
import Foundation
#endif
import SFTP

/// What a partner's Secrets Manager secret says about logging in, in either of two shapes:
/// the credential itself as text (a private key file's contents, or a password), or a JSON object
/// `{"privateKey": "-----BEGIN …", "passphrase": "…"}` (or `{"password": "…"}`) when an encrypted
/// key needs its passphrase beside it.
enum SFTPSecret {
    /// The authentication `text` (the secret's string) gives for `credential`.
    ///
    /// Throws a message naming what is missing, never the secret's contents.
    static func authentication(from text: String, credential: SFTPLocation.Credential) throws(SFTPSecretError) -> SSHAuthentication {
        guard text.first(where: { !$0.isWhitespace }) == "{" else {
            return switch credential {
            case .privateKey: .privateKey(text)
            case .password: .password(text)
            }
        }
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(text.utf8))
        } catch {
            throw SFTPSecretError("is not valid JSON with string fields (privateKey, passphrase, password)")
        }
        switch credential {
        case .privateKey:
            guard let key = fields.privateKey, !key.isEmpty else { throw SFTPSecretError("is JSON without a \"privateKey\"") }
            return .privateKey(key, passphrase: fields.passphrase.flatMap { $0.isEmpty ? nil : $0 })
        case .password:
            guard let password = fields.password, !password.isEmpty else { throw SFTPSecretError("is JSON without a \"password\"") }
            return .password(password)
        }
    }

    private struct Fields: Decodable {
        var privateKey: String?
        var passphrase: String?
        var password: String?
    }
}

/// Why a secret's string cannot be used: says what shape is wrong, never what it holds.
struct SFTPSecretError: Error {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
