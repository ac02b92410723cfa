import AWS
import Foundation
import MotoPeer
import SFTP
import SSHPeer
import Testing
import SFTPTransfer
import TransferCore

extension FlowSuite {
    @Suite("SFTP → SFTP")
    struct SFTPToSFTPTests {
        let fixture: FlowFixture
        let sessions = SFTPSessionLimiter(sessionsPerEndpoint: 2)

        init() throws {
            fixture = try FlowFixture.get()
        }

        func transfer(
            from source: SSHServer, _ sourcePath: String, to destination: SSHConfiguration, _ destinationPath: String,
            staging: String
        ) -> SFTPToSFTPTransfer {
            SFTPToSFTPTransfer(
                firstLeg: SFTPToS3Transfer(
                    source: source.configuration(), path: sourcePath, s3: fixture.s3, bucket: FlowFixture.bucket,
                    key: staging, sessions: sessions, preferredPartSize: 1024 * 1024),
                destination: destination, destinationPath: destinationPath)
        }

        @Test("the file arrives byte-identical on the other server and the staging object is removed", arguments: [1_000, 10_000_000])
        func copies(size: Int) throws {
            let bytes = TestPattern.bytes(count: size)
            let staging = "staging/copy-\(size)"
            try withSSHServer { source in
                try withSSHServer { destination in
                    let sourcePath = source.dataDirectory + "/in.bin"
                    try Data(bytes).write(to: URL(fileURLWithPath: sourcePath))
                    let destinationPath = destination.dataDirectory + "/partner/out.bin"
                    try transfer(
                        from: source, sourcePath, to: destination.configuration(), destinationPath, staging: staging
                    ).run()
                    #expect(FileManager.default.contents(atPath: destinationPath) == Data(bytes))
                    #expect(throws: AWSError.self) { try fixture.s3.headObject(bucket: FlowFixture.bucket, key: staging) }
                }
            }
        }

        @Test("a failed second leg is retried from the staging object, without the source")
        func retriesSecondLeg() throws {
            let bytes = TestPattern.bytes(count: 3_000_000)
            let staging = "staging/retry"
            try withSSHServer { source in
                try withSSHServer { destination in
                    let sourcePath = source.dataDirectory + "/in.bin"
                    try Data(bytes).write(to: URL(fileURLWithPath: sourcePath))
                    let destinationPath = destination.dataDirectory + "/out.bin"
                    let refused = destination.configuration(fingerprint: source.hostKey.fingerprint)
                    #expect(throws: TransferError.self) {
                        try transfer(from: source, sourcePath, to: refused, destinationPath, staging: staging).run()
                    }
                    let flow = transfer(
                        from: source, sourcePath, to: destination.configuration(), destinationPath, staging: staging)
                    #expect(try flow.stagingIsComplete())

                    source.stop()
                    try flow.run()
                    #expect(FileManager.default.contents(atPath: destinationPath) == Data(bytes))
                }
            }
        }
    }
}
