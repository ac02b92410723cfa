#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Timestamps

/// AWS Security Token Service: who am I, and temporary credentials for another role.
public struct STSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// The account and ARN the current credentials belong to; needs no permissions.
    public func getCallerIdentity() throws(AWSError) -> CallerIdentity {
        let result = try client.query(.sts, action: "GetCallerIdentity")
        guard let account = result.value("Account"), let arn = result.value("Arn") else {
            throw parsing("GetCallerIdentity")
        }
        return CallerIdentity(account: account, arn: arn, userID: result.value("UserId") ?? "")
    }

    /// Temporary credentials for `roleARN`.
    /// - Parameters:
    ///   - sessionName: shows in CloudTrail as the assumed-role session.
    ///   - externalID: the shared secret a third-party role's trust policy demands.
    ///   - durationSeconds: 900 … the role's maximum; nil for the default hour.
    public func assumeRole(
        roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil
    ) throws(AWSError) -> AssumedRole {
        var parameters = [(name: "RoleArn", value: roleARN), (name: "RoleSessionName", value: sessionName)]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        let result = try client.query(.sts, action: "AssumeRole", parameters: parameters, resource: roleARN)
        guard let credentials = result.child("Credentials"), let key = credentials.value("AccessKeyId"),
            let secret = credentials.value("SecretAccessKey")
        else { throw parsing("AssumeRole") }
        return AssumedRole(
            credentials: ExpiringCredentials(
                credentials: AWSCredentials(
                    accessKeyID: key, secretAccessKey: secret, sessionToken: credentials.value("SessionToken")),
                expiration: credentials.value("Expiration").flatMap(ISO8601Timestamp.parse)),
            assumedRoleARN: result.child("AssumedRoleUser")?.value("Arn") ?? "")
    }

    private func parsing(_ operation: String) -> AWSError {
        AWSError(service: "STS", operation: operation, code: "ResponseParsing", message: "required fields missing")
    }
}

/// The result of `GetCallerIdentity`.
public struct CallerIdentity: Sendable, Hashable {
    public var account: String
    public var arn: String
    public var userID: String
}

/// The result of `AssumeRole`.
public struct AssumedRole: Sendable, Hashable {
    public var credentials: ExpiringCredentials
    public var assumedRoleARN: String
}
