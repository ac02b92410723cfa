public import AWS
import Foundation

/// A moto server with an IAM user whose key signs every later request, which moto verifies as AWS
/// would: what every moto-backed suite starts from.
///
/// Parts may be as small as 1 KiB (`S3_UPLOAD_PART_MIN_SIZE`), so multipart paths run with small
/// objects. If making the user fails, moto is stopped before the error is rethrown.
public final class MotoAccount: Sendable {
    public let moto: MotoServer
    public let user: MotoIAMUser
    public let region: String

    public var endpoint: String { moto.endpoint }
    public var credentials: AWSCredentials { user.credentials }

    public init(userName: String, policy: String, region: String = "us-east-1") throws {
        moto = try MotoServer(
            unauthenticatedActions: MotoIAMUser.unauthenticatedActions, extraEnvironment: ["S3_UPLOAD_PART_MIN_SIZE": "1024"])
        do {
            user = try MotoIAMUser.create(on: moto.endpoint, name: userName, policy: policy, region: region)
        } catch {
            moto.stop()
            throw error
        }
        self.region = region
    }

    /// A client signing with the user's key (or `credentials`), against moto or `endpoint` (a fault
    /// proxy, a TLS endpoint in front of moto). Retries are few and quick, so a test that provokes
    /// failures stays fast.
    public func client(
        credentials: AWSCredentials? = nil, endpoint: String? = nil,
        retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
        connectionOptions: ConnectionOptions = ConnectionOptions()
    ) -> AWSClient {
        AWSClient(
            region: region, credentials: StaticCredentialProvider(credentials ?? self.credentials),
            endpoints: EndpointResolver(allServices: endpoint ?? moto.endpoint), retryPolicy: retryPolicy,
            connectionOptions: connectionOptions)
    }

    /// Creates `bucket`, leaving one that already exists.
    public func createBucket(_ bucket: String, client: AWSClient? = nil) throws {
        do {
            _ = try (client ?? self.client()).send(
                AWSRequest(method: "PUT", bucket: bucket), to: .s3, operation: "CreateBucket", resource: bucket)
        } catch {
            guard error.code == "BucketAlreadyOwnedByYou" || error.code == "BucketAlreadyExists" else { throw error }
        }
    }

    /// Creates the queue `name` (a FIFO queue when it ends in `.fifo`) and returns its URL.
    public func createQueue(named name: String) throws -> String {
        struct Input: Encodable {
            var QueueName: String
            var Attributes: [String: String]
        }
        struct Output: Decodable { var QueueUrl: String }
        let attributes = name.hasSuffix(".fifo") ? ["FifoQueue": "true"] : [:]
        return try client().json(.sqs, "CreateQueue", Input(QueueName: name, Attributes: attributes), as: Output.self).QueueUrl
    }

    /// Creates the IAM role `name`, assumable by `principal`, with `policy` inline.
    public func createRole(named name: String, assumableBy principal: String, policy: String, client: AWSClient? = nil) throws {
        let trust = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\(principal)"},\
            "Action":"sts:AssumeRole"}]}
            """
        let client = client ?? self.client()
        _ = try client.query(.iam, action: "CreateRole", parameters: [("RoleName", name), ("AssumeRolePolicyDocument", trust)])
        _ = try client.query(
            .iam, action: "PutRolePolicy", parameters: [("RoleName", name), ("PolicyName", name), ("PolicyDocument", policy)])
    }

    /// Creates the SNS topic `name` and returns its ARN.
    public func createTopic(named name: String) throws -> String {
        let arn = try client().query(.sns, action: "CreateTopic", parameters: [("Name", name)]).value("TopicArn")
        guard let arn else { throw MotoStartFailure(reason: "CreateTopic \(name) answered no TopicArn") }
        return arn
    }

    /// What a child process (the TransferWorker, the emulator) needs to reach moto as the user:
    /// PATH, region, endpoint and keys.
    public var processEnvironment: [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "AWS_REGION": region,
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": credentials.secretAccessKey,
        ]
        if let token = credentials.sessionToken { environment["AWS_SESSION_TOKEN"] = token }
        return environment
    }

    public func stop() {
        moto.stop()
    }
}
