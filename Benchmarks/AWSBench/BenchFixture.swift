import AWS

/// What both clients call: an IAM user's key on moto, and a bucket holding one small object.
struct BenchFixture {
    /// Exactly the IAM calls below; every request after them is signature- and policy-checked.
    static let unauthenticatedActions = 4
    static let region = "us-east-1"
    static let bucket = "aws-bench"
    static let key = "objects/head-me.txt"
    static let objectBody = Array("a small object for HeadObject\n".utf8)

    let endpoint: String
    let credentials: AWSCredentials

    /// Creates the IAM user with an allow-all policy and an access key (unchecked by moto, so any
    /// setup key will do), then the bucket and the object with the user's key.
    init(moto: MotoServer) throws(AWSError) {
        endpoint = moto.endpoint
        // One attempt each: a retry would spend one of the unauthenticated actions.
        let setup = AWSClient(
            region: Self.region,
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDSETUP", secretAccessKey: "setup")),
            endpoints: EndpointResolver(allServices: endpoint), retryPolicy: .none)
        let user = "aws-bench"
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        _ = try setup.query(.iam, action: "CreateUser", parameters: [("UserName", user)])
        let created = try setup.query(.iam, action: "CreatePolicy", parameters: [("PolicyName", user), ("PolicyDocument", policy)])
        let policyARN = created.child("Policy")?.value("Arn") ?? ""
        _ = try setup.query(.iam, action: "AttachUserPolicy", parameters: [("UserName", user), ("PolicyArn", policyARN)])
        let key = try setup.query(.iam, action: "CreateAccessKey", parameters: [("UserName", user)])
        guard let accessKey = key.child("AccessKey"), let id = accessKey.value("AccessKeyId"),
            let secret = accessKey.value("SecretAccessKey")
        else {
            throw AWSError(
                service: "IAM", operation: "CreateAccessKey", resource: user, code: "ResponseParsing",
                message: "moto returned no AccessKeyId/SecretAccessKey; check the installed moto version")
        }
        credentials = AWSCredentials(accessKeyID: id, secretAccessKey: secret)

        let client = self.client()
        _ = try client.send(
            AWSRequest(method: "PUT", bucket: Self.bucket), to: .s3, operation: "CreateBucket", resource: Self.bucket)
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
