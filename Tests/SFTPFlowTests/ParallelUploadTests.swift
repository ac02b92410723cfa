import AWS
import Foundation
import MotoPeer
import SFTP
import SSHPeer
import Testing
import SFTPTransfer
import TransferCore

extension FlowSuite {
    @Suite("S3 → SFTP over several channels and through failures")
    struct ParallelUploadTests {
        let fixture: FlowFixture
        let sessions = SFTPSessionLimiter(sessionsPerEndpoint: 2)

        init() throws {
            fixture = try FlowFixture.get()
        }

        func transfer(key: String, to path: String, on server: SSHServer, _ parallel: ParallelUpload) -> S3ToSFTPTransfer {
            S3ToSFTPTransfer(
                s3: fixture.s3, bucket: FlowFixture.bucket, key: key, destination: server.configuration(), path: path,
                sessions: sessions, parallelUpload: parallel)
        }

        @Test("an object above the threshold goes over three channels of one login and arrives byte-identical")
        func severalChannels() throws {
            let bytes = TestPattern.bytes(count: 10_000_003)
            let key = "to-sftp/parallel.bin"
            try fixture.s3.putObject(bucket: FlowFixture.bucket, key: key, body: .bytes(bytes))
            try withSSHServer(logLevel: "VERBOSE") { server in
                let path = server.dataDirectory + "/parallel/out.bin"
                let delivered = try transfer(key: key, to: path, on: server, ParallelUpload(channels: 3, threshold: 1_000_000)).run()
                #expect(delivered.size == Int64(bytes.count))
                #expect(delivered.publishedSize == UInt64(bytes.count))
                #expect(FileManager.default.contents(atPath: path) == Data(bytes))
                #expect(TestFiles.size(of: path + ".tmp") == nil)
                #expect(server.logLines(containing: "Accepted publickey") == 1)
                // The transfer's own channel, its rename channel and one per range.
                #expect(server.logLines(containing: "Starting session: subsystem 'sftp'") == 2 + 3)
            }
        }

        @Test("a partner allowing fewer channels per connection than configured gets the file over one channel")
        func fewerChannelsAllowed() throws {
            let bytes = TestPattern.bytes(count: 5_000_000)
            let key = "to-sftp/max-sessions.bin"
            try fixture.s3.putObject(bucket: FlowFixture.bucket, key: key, body: .bytes(bytes))
            try withSSHServer(extraConfig: "MaxSessions 3", logLevel: "VERBOSE") { server in
                let path = server.dataDirectory + "/max-sessions.bin"
                try transfer(key: key, to: path, on: server, ParallelUpload(channels: 4, threshold: 1_000_000)).run()
                #expect(FileManager.default.contents(atPath: path) == Data(bytes))
                #expect(TestFiles.size(of: path + ".tmp") == nil)
                #expect(server.logLines(containing: "Accepted publickey") == 1)
            }
        }

        @Test(
            "a write the partner refuses mid-upload fails the copy; the final name keeps the old file and the temporary one is removed",
            arguments: [ParallelUpload.single, ParallelUpload(channels: 3, threshold: 1_000_000)])
        func refusedMidUpload(parallel: ParallelUpload) throws {
            let key = "to-sftp/refused-\(parallel.channels).bin"
            try fixture.s3.putObject(bucket: FlowFixture.bucket, key: key, body: .bytes(TestPattern.bytes(count: 12_000_000)))
            try withSSHServer(fileSizeLimit: 5_000_000) { server in
                let path = server.dataDirectory + "/refused.bin"
                try "old".write(toFile: path, atomically: true, encoding: .utf8)
                let error = try #require(throws: TransferError.self) { try transfer(key: key, to: path, on: server, parallel).run() }
                #expect(error.kind == .transient)
                #expect(error.errorMessage.contains("FAILURE"))
                #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
                #expect(TestFiles.size(of: path + ".tmp") == nil)
            }
        }

        @Test(
            "a connection dropped mid-upload leaves the old file under the final name; the retry publishes the new one",
            arguments: [ParallelUpload.single, ParallelUpload(channels: 3, threshold: 1_000_000)])
        func dropped(parallel: ParallelUpload) throws {
            let source = NSTemporaryDirectory() + "flow-dropped-\(getpid())-\(parallel.channels).bin"
            try TestFiles.writePattern(size: 32_000_000, to: source)
            defer { try? FileManager.default.removeItem(atPath: source) }
            let key = "to-sftp/dropped-\(parallel.channels).bin"
            try TestFiles.upload(file: source, bucket: FlowFixture.bucket, key: key, s3: fixture.s3)
            try withSSHServer { server in
                let path = server.dataDirectory + "/dropped.bin"
                try "old".write(toFile: path, atomically: true, encoding: .utf8)
                // sshd's session processes have read a quarter of the file off the socket.
                let killer = SessionKiller(sshd: server.processID) { $0 > 8_000_000 }
                let error = #expect(throws: TransferError.self) { try transfer(key: key, to: path, on: server, parallel).run() }
                killer.stop()
                #expect(killer.hasFired)
                #expect(error?.kind == .transient)
                #expect(error?.errorMessage.contains("the connection was lost") == true, "\(String(describing: error))")
                #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")

                try transfer(key: key, to: path, on: server, parallel).run()
                #expect(try TestFiles.sha256(ofFile: path) == TestFiles.sha256(ofFile: source))
                #expect(TestFiles.size(of: path + ".tmp") == nil)
            }
        }

        @Test(
            "a partner that refuses posix-rename@openssh.com gets the file over the old one, by remove and rename",
            arguments: [ParallelUpload.single, ParallelUpload(channels: 2, threshold: 1_000_000)])
        func withoutPOSIXRename(parallel: ParallelUpload) throws {
            let bytes = TestPattern.bytes(count: 3_000_001)
            let key = "to-sftp/no-posix-rename-\(parallel.channels).bin"
            try fixture.s3.putObject(bucket: FlowFixture.bucket, key: key, body: .bytes(bytes))
            try withSSHServer(deniedSFTPRequests: ["posix-rename"]) { server in
                let path = server.dataDirectory + "/no-posix-rename.bin"
                try "old".write(toFile: path, atomically: true, encoding: .utf8)
                try transfer(key: key, to: path, on: server, parallel).run()
                #expect(FileManager.default.contents(atPath: path) == Data(bytes))
                #expect(TestFiles.size(of: path + ".tmp") == nil)
            }
        }

        @Test("a stop raised mid-upload over several channels ends the copy as stopped, with nothing published")
        func stopped() throws {
            let key = "to-sftp/stopped.bin"
            try fixture.s3.putObject(bucket: FlowFixture.bucket, key: key, body: .bytes(TestPattern.bytes(count: 6_000_000)))
            try withSSHServer { server in
                let path = server.dataDirectory + "/stopped.bin"
                let stop = StopFlag()
                stop.request()
                let error = try #require(throws: TransferError.self) {
                    try transfer(key: key, to: path, on: server, ParallelUpload(channels: 2, threshold: 1)).run(stop: stop)
                }
                #expect(error.kind == .transient)
                #expect(error.errorMessage.contains("stopped because the process is shutting down"))
                #expect(TestFiles.size(of: path) == nil && TestFiles.size(of: path + ".tmp") == nil)
            }
        }
    }
}
