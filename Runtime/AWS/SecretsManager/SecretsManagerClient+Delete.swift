extension SecretsManagerClient {
    /// Deletes the secret `id` (name or ARN) now, without the recovery window.
    public func deleteSecret(id: String) throws(AWSError) {
        struct Input: Encodable {
            var SecretId: String
            var ForceDeleteWithoutRecovery: Bool
        }
        struct Output: Decodable {}
        _ = try client.json(
            .secretsManager, "DeleteSecret", Input(SecretId: id, ForceDeleteWithoutRecovery: true), resource: id, as: Output.self)
    }
}
