import AWS
public import Jobs
public import SFTP
public import TransferCore

extension SFTPLocation {
    /// The connection settings, with the key or password read from Secrets Manager now, so a
    /// rotated secret is picked up by the next job. The secret holds the key or password as text,
    /// or JSON with the key's passphrase beside it (see `SFTPSecret`).
    public func configuration(secrets: any SecretStore, timeout: Duration) throws(TransferError) -> SSHConfiguration {
        let value: SecretValue
        do {
            value = try secrets.getSecretValue(id: secretID, versionStage: nil)
        } catch {
            throw TransferError(error, context: "reading the \(credential.rawValue) for \(username)@\(host) from secret \(secretID)")
        }
        guard let text = value.secretString, !text.isEmpty else {
            throw TransferError.nonRetryable("secret \(secretID) has no string value; store the \(credential.rawValue) as text")
        }
        let authentication: SSHAuthentication
        do {
            authentication = try SFTPSecret.authentication(from: text, credential: credential)
        } catch {
            throw TransferError.nonRetryable("secret \(secretID) \(error.reason)")
        }
        return SSHConfiguration(
            host: host, port: port, username: username, hostKeyFingerprint: hostKeyFingerprint,
            authentication: authentication, timeout: timeout)
    }
}
