import AWS
import MotoTestSupport

/// The S3 side: an IAM user on moto (signatures checked) and the bucket the flows use.
enum BenchWorld {
    static let bucket = "sftp-bench"

    static func s3(on moto: MotoServer) throws -> S3Client {
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        let user = try MotoIAMUser.create(on: moto.endpoint, name: "sftp-bench", policy: policy)
        let client = AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(user.credentials),
            endpoints: EndpointResolver(allServices: moto.endpoint))
        _ = try client.send(AWSRequest(method: "PUT", bucket: bucket), to: .s3, operation: "CreateBucket", resource: bucket)
        return S3Client(client: client)
    }
}
