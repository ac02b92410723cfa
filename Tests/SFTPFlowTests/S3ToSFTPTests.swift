import AWS
import Foundation
import MotoPeer
import SFTP
import SSHPeer
import Testing
import SFTPTransfer
import TransferCore

extension FlowSuite {
    @Suite("S3 → SFTP")
    struct S3ToSFTPTests {
        let fixture: FlowFixture
        let sessions = SFTPSessionLimiter(sessionsPerEndpoint: 2)

        init() throws {
            fixture = try FlowFixture.get()
        }

        func transfer(key: String, to path: String, on server: SSHServer) -> S3ToSFTPTransfer {
            S3ToSFTPTransfer(
                s3: fixture.s3, bucket: FlowFixture.bucket, key: key, destination: server.configuration(), path: path,
                sessions: sessions)
        }

        @Test("the object arrives byte-identical under its final name, with no temporary file left", arguments: [1_000, 10_000_000])
        func copies(size: Int) throws {
            let bytes = TestPattern.bytes(count: size)
            let key = "to-sftp/\(size).bin"
            try fixture.s3.putObject(bucket: FlowFixture.bucket, key: key, body: .bytes(bytes))
            try withSSHServer { server in
                let path = server.dataDirectory + "/out/\(size).bin"
                let delivered = try transfer(key: key, to: path, on: server).run()
                #expect(delivered.size == Int64(size))
                #expect(FileManager.default.contents(atPath: path) == Data(bytes))
                #expect(TestFiles.size(of: path + ".tmp") == nil)
            }
        }

        @Test("a new version replaces the published file")
        func replaces() throws {
            let key = "to-sftp/replaced.txt"
            try withSSHServer { server in
                let path = server.dataDirectory + "/replaced.txt"
                try fixture.s3.putObject(bucket: FlowFixture.bucket, key: key, body: .bytes(Array("first".utf8)))
                try transfer(key: key, to: path, on: server).run()
                try fixture.s3.putObject(bucket: FlowFixture.bucket, key: key, body: .bytes(Array("second".utf8)))
                try transfer(key: key, to: path, on: server).run()
                #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
            }
        }

        @Test("a server with another host key is refused before any byte moves, and not retried")
        func wrongHostKey() throws {
            let key = "to-sftp/refused.txt"
            try fixture.s3.putObject(bucket: FlowFixture.bucket, key: key, body: .bytes(Array("secret".utf8)))
            try withSSHServer { server in
                let stranger = try KeyPair.generate(in: server.directory, name: "stranger", type: "ed25519")
                let path = server.dataDirectory + "/refused.txt"
                let flow = S3ToSFTPTransfer(
                    s3: fixture.s3, bucket: FlowFixture.bucket, key: key,
                    destination: server.configuration(fingerprint: stranger.fingerprint), path: path, sessions: sessions)
                let error = try #require(throws: TransferError.self) { try flow.run() }
                #expect(error.kind == .nonRetryable)
                #expect(error.errorMessage.contains("host key"))
                #expect(TestFiles.size(of: path) == nil && TestFiles.size(of: path + ".tmp") == nil)
            }
        }
    }
}
