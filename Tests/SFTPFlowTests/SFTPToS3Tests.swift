import AWS
import Foundation
import MotoPeer
import SFTP
import SSHPeer
import Testing
import SFTPTransfer
import TransferCore

extension FlowSuite {
    @Suite("SFTP → S3")
    struct SFTPToS3Tests {
        let fixture: FlowFixture
        let sessions = SFTPSessionLimiter(sessionsPerEndpoint: 2)

        init() throws {
            fixture = try FlowFixture.get()
        }

        func transfer(_ path: String, to key: String, on server: SSHServer) -> SFTPToS3Transfer {
            SFTPToS3Transfer(
                source: server.configuration(), path: path, s3: fixture.s3, bucket: FlowFixture.bucket, key: key,
                sessions: sessions, preferredPartSize: 1024 * 1024)
        }

        @Test("the file arrives byte-identical, with its CRC32C stored", arguments: [1_000, 10_000_000])
        func copies(size: Int) throws {
            let bytes = TestPattern.bytes(count: size)
            let key = "from-sftp/\(size).bin"
            try withSSHServer { server in
                let path = server.dataDirectory + "/\(size).bin"
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let stored = try transfer(path, to: key, on: server).run()
                #expect(try TestFiles.contents(bucket: FlowFixture.bucket, key: key, s3: fixture.s3) == bytes)
                let expected = try #require(ObjectChecksum(.crc32c))
                try expected.update(bytes)
                let checksum = try expected.finalize()
                #expect(stored.checksum == checksum)
                let head = try fixture.s3.headObject(bucket: FlowFixture.bucket, key: key, includingChecksum: true)
                #expect(head.checksum == checksum)
                #expect(head.metadata["source-size"] == String(size))
            }
        }

        @Test("a connection dropped mid-transfer resumes the multipart upload and keeps the parts already sent")
        func resumes() throws {
            let key = "from-sftp/resumed.bin"
            try withSSHServer { server in
                let path = server.dataDirectory + "/resumed.bin"
                try TestFiles.writePattern(size: 40_000_000, to: path)
                let killer = SessionKiller(sshd: server.processID) { $0 > 15_000_000 }
                var recorded: String?
                let error = #expect(throws: TransferError.self) {
                    try transfer(path, to: key, on: server).run { recorded = $0 }
                }
                killer.stop()
                #expect(killer.hasFired)
                #expect(error?.kind == .transient)
                let uploadID = try #require(recorded)
                let sent = try fixture.s3.listParts(bucket: FlowFixture.bucket, key: key, uploadID: uploadID)
                #expect(!sent.isEmpty, "parts went to S3 before the connection dropped")

                let stored = try transfer(path, to: key, on: server).run(resumingUpload: uploadID)
                #expect(stored.uploadID == uploadID)
                #expect(stored.partsReused >= 1 && stored.partsReused <= sent.count, "the parts already in S3 are kept")
                #expect(
                    try TestFiles.sha256(bucket: FlowFixture.bucket, key: key, s3: fixture.s3)
                        == TestFiles.sha256(ofFile: path))
            }
        }

        @Test("an upload S3 no longer knows is started afresh")
        func unknownUpload() throws {
            let bytes = TestPattern.bytes(count: 3_000_000)
            let key = "from-sftp/fresh.bin"
            try withSSHServer { server in
                let path = server.dataDirectory + "/fresh.bin"
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let stored = try transfer(path, to: key, on: server).run(resumingUpload: "no-such-upload")
                #expect(stored.uploadID != "no-such-upload")
                #expect(stored.partsReused == 0)
                #expect(try TestFiles.contents(bucket: FlowFixture.bucket, key: key, s3: fixture.s3) == bytes)
            }
        }
    }
}
