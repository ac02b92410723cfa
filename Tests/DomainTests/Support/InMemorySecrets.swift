import AWS
import Worker

/// A `SecretStore` holding fixed secret strings.
struct InMemorySecrets: SecretStore {
    var strings: [String: String]

    func getSecretValue(id: String, versionStage: String?) throws(AWSError) -> SecretValue {
        guard let string = strings[id] else {
            throw AWSError(
                service: "SecretsManager", operation: "GetSecretValue", resource: id, code: "ResourceNotFoundException",
                message: "Secrets Manager can't find the specified secret.", httpStatus: 400)
        }
        return SecretValue(arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:\(id)", name: id, secretString: string)
    }
}
