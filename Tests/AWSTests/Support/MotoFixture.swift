import AWS
import Foundation
import Synchronization

/// The one moto server of the moto-backed suites, with an IAM user whose key signs every request.
///
/// moto checks nothing for its first `INITIAL_NO_AUTH_ACTION_COUNT` actions; exactly those are
/// spent creating the user, a customer policy (allow everything except `s3:DeleteBucket`, so a
/// denied action can be tested), the attachment and the access key. Every later request is
/// verified, as AWS would.
final class MotoFixture: Sendable {
    static let unauthenticatedActions = 4
    static let account = "123456789012"
    static let region = "us-east-1"
    static let deniedAction = "s3:DeleteBucket"

    let moto: MotoServer
    let credentials: AWSCredentials
    let policyARN: String
    let userName = "transfer-tests"

    private static let shared = Mutex<Result<MotoFixture, any Error>?>(nil)

    /// Starts moto and the IAM user on first use; later calls return the same fixture.
    static func get() throws -> MotoFixture {
        try shared.withLock { cached in
            if let cached { return try cached.get() }
            let result = Result { try MotoFixture() }
            cached = result
            return try result.get()
        }
    }

    private init() throws {
        moto = try MotoServer(
            unauthenticatedActions: Self.unauthenticatedActions,
            extraEnvironment: ["S3_UPLOAD_PART_MIN_SIZE": "1024"])
        do {
            // Unchecked by moto, so any key will do; one attempt each, since a retry would spend
            // one of the unauthenticated actions.
            let setup = AWSClient(
                region: Self.region,
                credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDSETUP", secretAccessKey: "setup")),
                endpoints: EndpointResolver(allServices: moto.endpoint), retryPolicy: .none)
            let policy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},\
                {"Effect":"Deny","Action":"\(Self.deniedAction)","Resource":"*"}]}
                """
            _ = try setup.query(.iam, action: "CreateUser", parameters: [("UserName", userName)])
            let created = try setup.query(
                .iam, action: "CreatePolicy", parameters: [("PolicyName", "transfer-tests"), ("PolicyDocument", policy)])
            policyARN = created.child("Policy")?.value("Arn") ?? ""
            _ = try setup.query(.iam, action: "AttachUserPolicy", parameters: [("UserName", userName), ("PolicyArn", policyARN)])
            let key = try setup.query(.iam, action: "CreateAccessKey", parameters: [("UserName", userName)])
            guard let accessKey = key.child("AccessKey"), let id = accessKey.value("AccessKeyId"),
                let secret = accessKey.value("SecretAccessKey")
            else { throw MotoStartFailure(reason: "CreateAccessKey returned no key") }
            credentials = AWSCredentials(accessKeyID: id, secretAccessKey: secret)
        } catch {
            moto.stop()
            throw error
        }
    }

    /// A client signing with the IAM user's key, against moto or `endpoint` (the fault proxy).
    func client(
        credentials: AWSCredentials? = nil, endpoint: String? = nil,
        retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))
    ) -> AWSClient {
        AWSClient(
            region: Self.region, credentials: StaticCredentialProvider(credentials ?? self.credentials),
            endpoints: EndpointResolver(allServices: endpoint ?? moto.endpoint), retryPolicy: retryPolicy)
    }

    /// Creates `bucket` (ignoring "already exists") through the generic request path.
    func createBucket(_ bucket: String, client: AWSClient? = nil) throws {
        do {
            _ = try (client ?? self.client()).send(
                AWSRequest(method: "PUT", bucket: bucket), to: .s3, operation: "CreateBucket", resource: bucket)
        } catch {
            guard error.code == "BucketAlreadyOwnedByYou" || error.code == "BucketAlreadyExists" else { throw error }
        }
    }
}
