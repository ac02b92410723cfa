public import AWS

/// Where the worker reads partners' SFTP credentials: Secrets Manager (`SecretsManagerClient`) in
/// the container, an in-memory table in tests.
public protocol SecretStore: Sendable {
    /// The current (or `versionStage`) value of the secret `id` (name or ARN).
    func getSecretValue(id: String, versionStage: String?) throws(AWSError) -> SecretValue
}

/// Secrets Manager itself.
extension SecretsManagerClient: SecretStore {}
