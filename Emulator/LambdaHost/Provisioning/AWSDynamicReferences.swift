public import AWS
import StateMachine

/// Dynamic references and SSM parameter types read from the AWS endpoint in use (moto,
/// LocalStack, an account): SSM `GetParameter` and Secrets Manager `GetSecretValue`.
public struct AWSDynamicReferences: DynamicReferenceSource {
    let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public func parameter(named name: String, version: String?, decrypt: Bool) throws -> String {
        let selector = version.map { "\(name):\($0)" } ?? name
        let answer = try client.json(.ssm, "GetParameter", ["Name": .string(selector), "WithDecryption": .bool(decrypt)], resource: name)
        guard let value = answer["Parameter"]?["Value"]?.stringValue else {
            throw AWSError(
                service: "SSM", operation: "GetParameter", resource: name, code: "ResponseParsing",
                message: "the answer has no Parameter.Value", httpStatus: 200, cause: nil)
        }
        return value
    }

    public func secretString(id: String, versionStage: String?, versionID: String?) throws -> String {
        var request: [String: JSONValue] = ["SecretId": .string(id)]
        if let versionStage { request["VersionStage"] = .string(versionStage) }
        if let versionID { request["VersionId"] = .string(versionID) }
        let answer = try client.json(.secretsManager, "GetSecretValue", .object(request), resource: id)
        guard let value = answer["SecretString"]?.stringValue else {
            throw AWSError(
                service: "SecretsManager", operation: "GetSecretValue", resource: id, code: "ResponseParsing",
                message: "the secret has no SecretString (a binary secret cannot be referenced)", httpStatus: 200, cause: nil)
        }
        return value
    }
}

extension ServiceDescriptor {
    /// SSM Parameter Store, which only the emulator reads (for templates' dynamic references).
    static let ssm = ServiceDescriptor(
        name: "SSM", signingName: "ssm", endpointPrefix: "ssm", environmentName: "SSM", jsonTargetPrefix: "AmazonSSM",
        jsonContentType: "application/x-amz-json-1.1")
}
