#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// AWS Secrets Manager: create, read and rotate a secret's string value.
public struct SecretsManagerClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Creates a secret and returns its ARN and first version id.
    @discardableResult
    public func createSecret(name: String, secretString: String, description: String? = nil) throws(AWSError) -> SecretVersion {
        struct Input: Encodable {
            var Name: String
            var SecretString: String
            var Description: String?
            var ClientRequestToken: String
        }
        return try client.json(
            .secretsManager, "CreateSecret",
            Input(Name: name, SecretString: secretString, Description: description, ClientRequestToken: UUID().uuidString),
            resource: name, as: SecretVersion.self)
    }

    /// The current (or `versionStage`) value of the secret `id` (name or ARN).
    public func getSecretValue(id: String, versionStage: String? = nil) throws(AWSError) -> SecretValue {
        struct Input: Encodable {
            var SecretId: String
            var VersionStage: String?
        }
        return try client.json(
            .secretsManager, "GetSecretValue", Input(SecretId: id, VersionStage: versionStage), resource: id,
            as: SecretValue.self)
    }

    /// Stores a new value, which becomes `AWSCURRENT`.
    @discardableResult
    public func putSecretValue(id: String, secretString: String) throws(AWSError) -> SecretVersion {
        struct Input: Encodable {
            var SecretId: String
            var SecretString: String
            var ClientRequestToken: String
        }
        return try client.json(
            .secretsManager, "PutSecretValue",
            Input(SecretId: id, SecretString: secretString, ClientRequestToken: UUID().uuidString), resource: id,
            as: SecretVersion.self)
    }
}

/// A secret's ARN, name and a version id.
public struct SecretVersion: Sendable, Hashable, Decodable {
    public var arn: String
    public var name: String
    public var versionID: String?

    enum CodingKeys: String, CodingKey {
        case arn = "ARN", name = "Name", versionID = "VersionId"
    }
}

/// A secret's value at one version.
public struct SecretValue: Sendable, Hashable, Decodable {
    public var arn: String
    public var name: String
    public var versionID: String?
    public var secretString: String?

    public init(arn: String, name: String, versionID: String? = nil, secretString: String?) {
        self.arn = arn
        self.name = name
        self.versionID = versionID
        self.secretString = secretString
    }

    enum CodingKeys: String, CodingKey {
        case arn = "ARN", name = "Name", versionID = "VersionId", secretString = "SecretString"
    }
}
