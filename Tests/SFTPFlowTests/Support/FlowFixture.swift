import AWS
import Foundation
import MotoTestSupport

/// The one moto server of the flow suites: signatures and IAM checked after the IAM user is made,
/// parts allowed down to 1 KiB so 10 MB files span several parts, one bucket and one seen-store
/// table. moto's watchdog stops it with the test process.
final class FlowFixture: Sendable {
    static let region = "us-east-1"
    static let bucket = "flow-tests"
    static let seenTable = "seen-files"

    let moto: MotoServer
    let credentials: AWSCredentials

    private static let shared = SharedFixture { try FlowFixture() }

    static func get() throws -> FlowFixture {
        try shared.get()
    }

    private init() throws {
        moto = try MotoServer(
            unauthenticatedActions: MotoIAMUser.unauthenticatedActions,
            extraEnvironment: ["S3_UPLOAD_PART_MIN_SIZE": "1024"])
        do {
            let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","dynamodb:*"],"Resource":"*"}]}"#
            credentials = try MotoIAMUser.create(on: moto.endpoint, name: "flow-tests", policy: policy, region: Self.region)
                .credentials
            try createBucket()
            try createSeenTable()
        } catch {
            moto.stop()
            throw error
        }
    }

    func client(credentials: AWSCredentials? = nil) -> AWSClient {
        AWSClient(
            region: Self.region, credentials: StaticCredentialProvider(credentials ?? self.credentials),
            endpoints: EndpointResolver(allServices: moto.endpoint),
            retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)))
    }

    var s3: S3Client { S3Client(client: client()) }

    private func createBucket() throws {
        _ = try client().send(
            AWSRequest(method: "PUT", bucket: Self.bucket), to: .s3, operation: "CreateBucket", resource: Self.bucket)
    }

    private func createSeenTable() throws {
        try MotoTables.createPartitionKeyTable(Self.seenTable, with: client())
    }
}
