import AWS
import Foundation
import MotoPeer

/// The one moto server of the flow suites: signatures and IAM checked after the IAM user is made,
/// parts allowed down to 1 KiB so 10 MB files span several parts, one bucket and one seen-store
/// table. moto's watchdog stops it with the test process.
final class FlowFixture: Sendable {
    static let region = "us-east-1"
    static let bucket = "flow-tests"
    static let seenTable = "seen-files"

    let account: MotoAccount

    var moto: MotoServer { account.moto }
    var credentials: AWSCredentials { account.credentials }

    private static let shared = SharedFixture { try FlowFixture() }

    static func get() throws -> FlowFixture {
        try shared.get()
    }

    private init() throws {
        account = try MotoAccount(
            userName: "flow-tests",
            policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","dynamodb:*"],"Resource":"*"}]}"#,
            region: Self.region)
        do {
            try account.createBucket(Self.bucket)
            try createSeenTable()
        } catch {
            account.stop()
            throw error
        }
    }

    func client(credentials: AWSCredentials? = nil) -> AWSClient {
        account.client(credentials: credentials)
    }

    var s3: S3Client { S3Client(client: client()) }


    private func createSeenTable() throws {
        try MotoTables.createPartitionKeyTable(Self.seenTable, with: client())
    }
}
