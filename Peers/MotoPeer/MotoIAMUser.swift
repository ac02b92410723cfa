public import AWS
import Foundation
import TestLogs

/// An IAM user made with moto's unchecked first actions, with a policy of the test's own and an
/// access key, whose credentials then sign every later request (which moto verifies, as AWS would).
public struct MotoIAMUser: Sendable {
    /// The actions `create` needs before moto starts checking: user, policy, attachment, key.
    public static let unauthenticatedActions = 4
    public static let account = "123456789012"

    public let name: String
    public let credentials: AWSCredentials
    /// The user's customer policy, which tests may attach to roles too.
    public let policyARN: String

    /// The ARN trust policies name the user by.
    public var arn: String { "arn:aws:iam::\(Self.account):user/\(name)" }

    /// Creates `name` with `policy` (a JSON policy document) on the moto at `endpoint`.
    public static func create(on endpoint: String, name: String, policy: String, region: String = "us-east-1") throws -> MotoIAMUser {
        // moto checks nothing yet, so any key will do; one attempt each, since a retry would spend
        // one of the unchecked actions.
        let setup = AWSClient(
            region: region,
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDSETUP", secretAccessKey: "setup")),
            endpoints: EndpointResolver(allServices: endpoint), retryPolicy: .none)
        _ = try setup.query(.iam, action: "CreateUser", parameters: [("UserName", name)])
        let created = try setup.query(.iam, action: "CreatePolicy", parameters: [("PolicyName", name), ("PolicyDocument", policy)])
        let policyARN = created.child("Policy")?.value("Arn") ?? ""
        _ = try setup.query(.iam, action: "AttachUserPolicy", parameters: [("UserName", name), ("PolicyArn", policyARN)])
        let key = try setup.query(.iam, action: "CreateAccessKey", parameters: [("UserName", name)])
        guard let accessKey = key.child("AccessKey"), let id = accessKey.value("AccessKeyId"),
            let secret = accessKey.value("SecretAccessKey")
        else { throw MotoStartFailure(reason: "CreateAccessKey returned no key") }
        TestLogs.recordSecret(secret)
        return MotoIAMUser(
            name: name, credentials: AWSCredentials(accessKeyID: id, secretAccessKey: secret), policyARN: policyARN)
    }

    /// The test process's environment with the user's key (and no session token) and `region`,
    /// for the emulator and what it runs.
    public func signingEnvironment(region: String = "us-east-1") -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = credentials.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = credentials.secretAccessKey
        environment["AWS_SESSION_TOKEN"] = nil
        environment["AWS_REGION"] = region
        return environment
    }
}
