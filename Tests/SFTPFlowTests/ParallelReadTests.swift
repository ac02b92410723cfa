import AWS
import Foundation
import MotoPeer
import SFTP
import SSHPeer
import Testing
import SFTPTransfer
import TransferCore

extension FlowSuite {
    @Suite("SFTP → S3 over several channels and through failures")
    struct ParallelReadTests {
        let fixture: FlowFixture
        let sessions = SFTPSessionLimiter(sessionsPerEndpoint: 2)

        init() throws {
            fixture = try FlowFixture.get()
        }

        func transfer(_ path: String, to key: String, on server: SSHServer, _ parallel: ParallelUpload) -> SFTPToS3Transfer {
            var transfer = SFTPToS3Transfer(
                source: server.configuration(), path: path, s3: fixture.s3, bucket: FlowFixture.bucket, key: key,
                sessions: sessions, preferredPartSize: 1024 * 1024, parallelRead: parallel)
            transfer.maximumReadChannels = 3
            return transfer
        }

        static func crc32c(ofFile path: String) throws -> S3Checksum {
            let checksum = try #require(ObjectChecksum(.crc32c))
            try checksum.update(try #require(FileManager.default.contents(atPath: path)))
            return try checksum.finalize()
        }

        @Test("a file above the threshold is read over three channels of one login and arrives byte-identical with its CRC32C")
        func severalChannels() throws {
            let key = "from-sftp/parallel.bin"
            try withSSHServer(logLevel: "VERBOSE", sftpLogLevel: "DEBUG1") { server in
                let path = server.dataDirectory + "/parallel.bin"
                try TestFiles.writePattern(size: 20_000_003, to: path)
                let stored = try transfer(path, to: key, on: server, ParallelUpload(channels: 3, threshold: 1_000_000)).run()
                let expected = try Self.crc32c(ofFile: path)
                #expect(stored.checksum == expected)
                #expect(try fixture.s3.headObject(bucket: FlowFixture.bucket, key: key, includingChecksum: true).checksum == expected)
                #expect(
                    try TestFiles.sha256(bucket: FlowFixture.bucket, key: key, s3: fixture.s3) == TestFiles.sha256(ofFile: path))
                #expect(server.logLines(containing: "Accepted publickey") == 1)
                // The transfer's own channel and one more per further range.
                #expect(server.logLines(containing: "Starting session: subsystem 'sftp'") == 3)
                // Each channel's read-ahead stops at its range's end, past it by less than one of
                // libssh2's 30,000-byte requests: the server is asked for the file's bytes once, not
                // for megabytes of a neighbour's range again (4 × 1.3 MiB each without the shrinking).
                let requested = Self.bytesRequested(inLog: server.sftpServerLog)
                #expect(requested >= 20_000_003 && requested < 20_000_003 + 3 * 30_000, "\(requested) bytes requested")
            }
        }

        /// The lengths of the READ requests the SFTP server logged (`sftp-server -l DEBUG1`:
        /// `request N: read "path" (handle H) off OFFSET len LENGTH`), summed.
        static func bytesRequested(inLog log: String) -> Int {
            log.split(whereSeparator: \.isNewline).filter { $0.contains(": read \"") }.reduce(0) { total, line in
                guard let range = line.range(of: " len ") else { return total }
                return total + (Int(line[range.upperBound...].prefix { $0.isNumber }) ?? 0)
            }
        }

        @Test("a connection dropped mid-read fails retryably; the retry keeps the parts every channel sent and completes")
        func dropped() throws {
            let key = "from-sftp/parallel-resumed.bin"
            let parallel = ParallelUpload(channels: 3, threshold: 1_000_000)
            try withSSHServer { server in
                let path = server.dataDirectory + "/parallel-resumed.bin"
                try TestFiles.writePattern(size: 40_000_000, to: path)
                let killer = SessionKiller(sshd: server.processID) { $0 > 20_000_000 }
                var recorded: String?
                let error = #expect(throws: TransferError.self) {
                    try transfer(path, to: key, on: server, parallel).run { recorded = $0 }
                }
                killer.stop()
                #expect(killer.hasFired)
                #expect(error?.kind == .transient)
                #expect(error?.errorMessage.contains("the connection was lost") == true, "\(String(describing: error))")
                let uploadID = try #require(recorded)
                // Which channels' parts reached S3 before the drop depends on how fast moto took them.
                let sent = try fixture.s3.listParts(bucket: FlowFixture.bucket, key: key, uploadID: uploadID)

                let stored = try transfer(path, to: key, on: server, parallel).run(resumingUpload: uploadID)
                #expect(stored.uploadID == uploadID)
                #expect(stored.partsReused >= min(1, sent.count) && stored.partsReused <= sent.count, "the parts already in S3 are kept")
                #expect(stored.checksum == (try Self.crc32c(ofFile: path)))
                #expect(
                    try TestFiles.sha256(bucket: FlowFixture.bucket, key: key, s3: fixture.s3) == TestFiles.sha256(ofFile: path))
            }
        }

        @Test(
            "a partner allowing fewer channels per connection than configured is read over those it allows",
            arguments: [1, 2])
        func fewerChannelsAllowed(maxSessions: Int) throws {
            let key = "from-sftp/max-sessions-\(maxSessions).bin"
            try withSSHServer(extraConfig: "MaxSessions \(maxSessions)", logLevel: "VERBOSE") { server in
                let path = server.dataDirectory + "/max-sessions.bin"
                try TestFiles.writePattern(size: 6_000_001, to: path)
                let stored = try transfer(path, to: key, on: server, ParallelUpload(channels: 4, threshold: 1_000_000)).run()
                #expect(stored.checksum == (try Self.crc32c(ofFile: path)))
                #expect(
                    try TestFiles.sha256(bucket: FlowFixture.bucket, key: key, s3: fixture.s3) == TestFiles.sha256(ofFile: path))
                #expect(server.logLines(containing: "Accepted publickey") == 1)
                #expect(server.logLines(containing: "Starting session: subsystem 'sftp'") == maxSessions)
            }
        }
    }
}
