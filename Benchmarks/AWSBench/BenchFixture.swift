import AWS
import MotoPeer

/// What both clients call: an IAM user's key on moto, and a bucket holding one small object.
struct BenchFixture {
    static let region = "us-east-1"
    static let bucket = "aws-bench"
    static let key = "objects/head-me.txt"
    static let objectBody = Array("a small object for HeadObject\n".utf8)

    let endpoint: String
    let credentials: AWSCredentials

    /// Creates the bucket and the object with the key of `account`'s user.
    init(account: MotoAccount) throws {
        endpoint = account.endpoint
        credentials = account.credentials
        let client = self.client()
        try account.createBucket(Self.bucket, client: client)
        _ = try S3Client(client: client).putObject(
            bucket: Self.bucket, key: Self.key, body: .bytes(Self.objectBody))
        try requireSignatureChecks()
    }

    /// Fails unless moto refuses a wrongly signed HeadObject: without that check the benchmark
    /// would time requests nobody verifies (say a moto whose auth switch changed).
    private func requireSignatureChecks() throws(AWSError) {
        let forged = AWSCredentials(accessKeyID: credentials.accessKeyID, secretAccessKey: "not-the-secret")
        let s3 = S3Client(client: client().with(credentials: StaticCredentialProvider(forged)))
        do {
            _ = try s3.headObject(bucket: Self.bucket, key: Self.key)
        } catch where error.httpStatus == 403 {
            return
        }
        throw AWSError(
            service: "S3", operation: "HeadObject", resource: "\(Self.bucket)/\(Self.key)", code: "SignaturesNotChecked",
            message: "moto accepted a wrong signature, so signing would go unverified; check moto's INITIAL_NO_AUTH_ACTION_COUNT support")
    }

    /// A client signing with the IAM user's key. No retries: a retried call would hide a failure
    /// and add a second signature to one call's CPU.
    func client() -> AWSClient {
        AWSClient(
            region: Self.region, credentials: StaticCredentialProvider(credentials),
            endpoints: EndpointResolver(allServices: endpoint), retryPolicy: .none)
    }
}
