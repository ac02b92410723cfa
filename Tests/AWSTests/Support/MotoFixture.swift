import AWS
import Foundation
import MotoPeer

/// The one moto server of the moto-backed suites, with an IAM user whose key signs every request.
///
/// moto checks nothing for its first `INITIAL_NO_AUTH_ACTION_COUNT` actions; exactly those are
/// spent creating the user (see `MotoIAMUser`), whose policy allows everything except
/// `s3:DeleteBucket`, so a denied action can be tested. Every later request is verified, as AWS
/// would.
final class MotoFixture: Sendable {
    static let account = "123456789012"
    static let region = "us-east-1"
    static let deniedAction = "s3:DeleteBucket"

    let account: MotoAccount
    let userName = "transfer-tests"

    var moto: MotoServer { account.moto }
    var credentials: AWSCredentials { account.credentials }
    var policyARN: String { account.user.policyARN }

    private static let shared = SharedFixture { try MotoFixture() }

    /// Starts moto and the IAM user on first use; later calls return the same fixture.
    static func get() throws -> MotoFixture {
        try shared.get()
    }

    private init() throws {
        let policy = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},\
            {"Effect":"Deny","Action":"\(Self.deniedAction)","Resource":"*"}]}
            """
        account = try MotoAccount(userName: userName, policy: policy, region: Self.region)
    }

    /// A client signing with the IAM user's key, against moto or `endpoint` (the fault proxy, the
    /// TLS endpoint), with `connectionOptions` for its connections (a CA bundle).
    func client(
        credentials: AWSCredentials? = nil, endpoint: String? = nil,
        retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
        connectionOptions: ConnectionOptions = ConnectionOptions()
    ) -> AWSClient {
        account.client(credentials: credentials, endpoint: endpoint, retryPolicy: retryPolicy, connectionOptions: connectionOptions)
    }

    /// Creates `bucket` (ignoring "already exists") through the generic request path.
    func createBucket(_ bucket: String, client: AWSClient? = nil) throws {
        try account.createBucket(bucket, client: client)
    }
}
