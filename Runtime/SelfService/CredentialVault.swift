public import AWS

/// Partners' SFTP logins in Secrets Manager, one secret per endpoint under the template's partner
/// prefix (the only secrets the worker may read). Values go in and are never read back here.
public struct CredentialVault: Sendable {
    public var secrets: SecretsManagerClient
    /// `PartnerSecretPrefix`, e.g. `sftp/`.
    public var prefix: String

    public init(secrets: SecretsManagerClient, prefix: String) {
        self.secrets = secrets
        self.prefix = prefix
    }

    /// The secret's name for endpoint `id`.
    public func secretName(for id: String) -> String { prefix + id }

    /// Stores `value` as the secret of endpoint `id`, replacing an earlier one.
    func store(_ value: String, for id: String) throws(APIError) {
        let name = secretName(for: id)
        do throws(AWSError) {
            do throws(AWSError) {
                try secrets.createSecret(name: name, secretString: value, description: "SFTP login of endpoint \(id)")
            } catch where error.code == "ResourceExistsException" {
                try secrets.putSecretValue(id: name, secretString: value)
            }
        } catch {
            throw .unavailable("the credential cannot be stored in Secrets Manager: \(error.code)")
        }
    }

    /// Deletes the secret of endpoint `id`, if there is one.
    func delete(for id: String) throws(APIError) {
        do throws(AWSError) {
            try secrets.deleteSecret(id: secretName(for: id))
        } catch where error.kind == .notFound {
            return
        } catch {
            throw .unavailable("the credential cannot be deleted from Secrets Manager: \(error.code)")
        }
    }
}
