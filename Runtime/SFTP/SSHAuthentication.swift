/// The credentials to log in with.
public enum SSHAuthentication: Sendable {
    /// A private key held in memory (the text of an `id_ed25519` or `id_rsa` file), with its
    /// passphrase when it is encrypted.
    ///
    /// Debian's libssh2 1.10 is built with OpenSSL and reads OpenSSH-format keys
    /// (`-----BEGIN OPENSSH PRIVATE KEY-----`: ed25519, ECDSA, RSA) as well as PEM keys
    /// (`-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN EC PRIVATE KEY-----`), encrypted or not;
    /// the public key is derived from the private one.
    ///
    /// RSA keys load but libssh2 1.10 signs only with `ssh-rsa` (SHA-1), which OpenSSH 8.8 and
    /// later refuse unless the server sets `PubkeyAcceptedAlgorithms +ssh-rsa` (rsa-sha2-256/512
    /// arrives in libssh2 1.11). Use ed25519 or ECDSA keys.
    case privateKey(String, passphrase: String? = nil)
    /// A password, for servers that allow password authentication.
    case password(String)
}

extension SSHAuthentication: CustomStringConvertible {
    /// Never prints the secret.
    public var description: String {
        switch self {
        case .privateKey(_, let passphrase): passphrase == nil ? "privateKey" : "privateKey(passphrase)"
        case .password: "password"
        }
    }
}
