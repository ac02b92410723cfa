import AWS
import Foundation
import MotoPeer
import SFTP
import SSHPeer
import Testing
import SFTPTransfer

extension FlowSuite {
    /// 1 GB per flow: byte-identical results, and the throughput and peak memory of each printed
    /// (about two minutes together on two cores, debug build; `make bench` is where speed is judged).
    @Suite("1 GB per flow")
    struct LargeFileTests {
        static let size: Int64 = 1_000_000_000
        let fixture: FlowFixture
        let sessions = SFTPSessionLimiter(sessionsPerEndpoint: 2)

        init() throws {
            fixture = try FlowFixture.get()
        }

        @Test("every flow copies 1 GB byte-identical")
        func everyFlow() async throws {
            try await offCooperativePool { [self] in
                try withSSHServer { source in
                    try withSSHServer { destination in
                        let original = source.dataDirectory + "/large.bin"
                        try TestFiles.writePattern(size: Self.size, to: original)
                        let expected = try TestFiles.sha256(ofFile: original)
                        let s3 = fixture.s3

                        let upload = SFTPToS3Transfer(
                            source: source.configuration(), path: original, s3: s3, bucket: FlowFixture.bucket,
                            key: "large/from-sftp.bin", sessions: sessions)
                        try measure("SFTP → S3") { try upload.run() }
                        #expect(try TestFiles.sha256(bucket: FlowFixture.bucket, key: "large/from-sftp.bin", s3: s3) == expected)

                        let download = S3ToSFTPTransfer(
                            s3: s3, bucket: FlowFixture.bucket, key: "large/from-sftp.bin",
                            destination: destination.configuration(), path: destination.dataDirectory + "/from-s3.bin",
                            sessions: sessions)
                        try measure("S3 → SFTP") { try download.run() }
                        #expect(try TestFiles.sha256(ofFile: destination.dataDirectory + "/from-s3.bin") == expected)
                        try s3.deleteObject(bucket: FlowFixture.bucket, key: "large/from-sftp.bin")

                        let relay = SFTPToSFTPTransfer(
                            firstLeg: SFTPToS3Transfer(
                                source: source.configuration(), path: original, s3: s3, bucket: FlowFixture.bucket,
                                key: "staging/large", sessions: sessions),
                            destination: destination.configuration(), destinationPath: destination.dataDirectory + "/relayed.bin")
                        try measure("SFTP → SFTP") { try relay.run() }
                        #expect(try TestFiles.sha256(ofFile: destination.dataDirectory + "/relayed.bin") == expected)
                    }
                }
            }
        }

        private func measure(_ flow: String, _ body: () throws -> Void) throws {
            let start = ContinuousClock.now
            try body()
            let elapsed = start.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let peak = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8))?
                .split(separator: "\n").first { $0.hasPrefix("VmHWM") } ?? "VmHWM unknown"
            print("\(flow): 1 GB in \(String(format: "%.1f", seconds)) s = \(String(format: "%.0f", 1_000 / seconds)) MB/s; \(peak)")
        }
    }
}
