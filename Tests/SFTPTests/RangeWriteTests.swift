import Foundation
import MotoPeer
import SFTP
import SSHPeer
import Testing

/// `SFTPSession.writeRanges`: one file written in ranges over several SFTP channels of one SSH
/// connection, against the real sshd.
@Suite("Writing one file over several channels", .serialized)
struct RangeWriteTests {
    /// A range fed from memory in pieces of `pieceSize`, answering `.notYet` every third time as
    /// a download that has not caught up would.
    static func range(of bytes: [UInt8], _ range: Range<Int>, pieceSize: Int) -> SFTPRange {
        var next = range.lowerBound
        var asked = 0
        return SFTPRange(offset: UInt64(range.lowerBound)) {
            asked += 1
            if asked % 3 == 0 { return .notYet }
            guard next < range.upperBound else { return .end }
            let end = min(next + pieceSize, range.upperBound)
            defer { next = end }
            return .bytes(Array(bytes[next..<end]))
        }
    }

    @Test("four ranges over four channels make a byte-identical file, with one login", arguments: [4, 1])
    func rangesOverChannels(count: Int) throws {
        let bytes = TestPattern.bytes(count: 24_000_017)
        try withSSHServer(logLevel: "VERBOSE") { server in
            let path = server.dataDirectory + "/ranges.bin"
            try withSFTPSession(server.configuration()) { sftp in
                try sftp.withFile(path, mode: .write) { _ in }
                let length = (bytes.count + count - 1) / count
                let ranges = stride(from: 0, to: bytes.count, by: length).map { start in
                    Self.range(of: bytes, start..<min(start + length, bytes.count), pieceSize: 777_777)
                }
                try sftp.writeRanges(path, ranges)
                #expect(try sftp.stat(path).size == UInt64(bytes.count))
            }
            #expect(FileManager.default.contents(atPath: path) == Data(bytes))
            #expect(server.logLines(containing: "Accepted publickey") == 1)
            #expect(server.logLines(containing: "Starting session: subsystem 'sftp'") == count + 1)
        }
    }

    @Test("through a proxy adding a 40 ms round trip, one pipelined stream and three ranges arrive byte-identical", arguments: [1, 3])
    func throughDelay(count: Int) throws {
        let bytes = TestPattern.bytes(count: 9_000_001)
        try withSSHServer { server in
            try DelayingProxy.with(upstreamPort: server.port, roundTrip: .milliseconds(40)) { proxy in
                var configuration = server.configuration()
                configuration.port = proxy.port
                let path = server.dataDirectory + "/delayed.bin"
                try withSFTPSession(configuration) { sftp in
                    if count == 1 {
                        try sftp.withFile(path, mode: .write) { try $0.write(bytes) }
                    } else {
                        try sftp.withFile(path, mode: .write) { _ in }
                        let length = (bytes.count + count - 1) / count
                        try sftp.writeRanges(path, stride(from: 0, to: bytes.count, by: length).map { start in
                            Self.range(of: bytes, start..<min(start + length, bytes.count), pieceSize: 1_200_000)
                        })
                    }
                }
                #expect(FileManager.default.contents(atPath: path) == Data(bytes))
            }
        }
    }

    @Test("more ranges than the server allows channels fail with channelRefused; the session's own channel still works")
    func tooManyChannels() throws {
        let bytes = TestPattern.bytes(count: 3_000_000)
        try withSSHServer(extraConfig: "MaxSessions 2") { server in
            try withSFTPSession(server.configuration()) { sftp in
                let path = server.dataDirectory + "/too-many.bin"
                try sftp.withFile(path, mode: .write) { _ in }
                let error = try #require(throws: SFTPError.self) {
                    try sftp.writeRanges(path, (0..<3).map { index in
                        Self.range(of: bytes, index * 1_000_000..<(index + 1) * 1_000_000, pieceSize: 300_000)
                    })
                }
                #expect(error.code == .channelRefused)
                #expect(error.description.contains("MaxSessions"))
                try sftp.removeFile(path)
            }
        }
    }

    @Test("a range whose source fails ends the write with that error; the session's own channel still works")
    func sourceFails() throws {
        struct SourceFailed: Error {}
        let bytes = TestPattern.bytes(count: 8_000_000)
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let path = server.dataDirectory + "/failed-source.bin"
                try sftp.withFile(path, mode: .write) { _ in }
                var handed = 0
                let failing = SFTPRange(offset: 4_000_000) {
                    handed += 1
                    if handed > 2 { throw SourceFailed() }
                    return .bytes(Array(bytes[0..<500_000]))
                }
                #expect(throws: SourceFailed.self) {
                    try sftp.writeRanges(path, [Self.range(of: bytes, 0..<4_000_000, pieceSize: 1_000_000), failing])
                }
                try sftp.removeFile(path)
                #expect(!FileManager.default.fileExists(atPath: path))
            }
        }
    }

    @Test("a range the server refuses fails the write with its SFTP status; the session's own channel still works")
    func serverRefuses() throws {
        let bytes = TestPattern.bytes(count: 16_000_000)
        try withSSHServer(fileSizeLimit: 10_000_000) { server in
            try withSFTPSession(server.configuration()) { sftp in
                let path = server.dataDirectory + "/refused-range.bin"
                try sftp.withFile(path, mode: .write) { _ in }
                let error = try #require(throws: SFTPError.self) {
                    try sftp.writeRanges(path, [
                        Self.range(of: bytes, 0..<8_000_000, pieceSize: 1_200_000),
                        Self.range(of: bytes, 8_000_000..<16_000_000, pieceSize: 1_200_000),
                    ])
                }
                #expect(error.code == .sftp)
                #expect(!sftp.isUnusable)
                try sftp.removeFile(path)
            }
        }
    }
}
