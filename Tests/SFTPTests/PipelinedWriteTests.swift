import Foundation
import MotoPeer
import SFTP
import SSHPeer
import Testing

/// What `SFTPFile.write` relies on in libssh2 1.10's non-blocking `libssh2_sftp_write`, checked
/// against the real sshd: a call returns after the first acknowledgement with the rest still in
/// flight, and calling it again with the unacknowledged bytes followed by new ones sends only the
/// new ones (the file comes out byte-identical).
@Suite("Pipelined writes", .serialized)
struct PipelinedWriteTests {
    @Test("writes of every size stay in flight across calls, bounded by the window, and the file reads back byte-identical")
    func inFlightAcrossCalls() throws {
        let window = 2 * 1024 * 1024
        let sizes = [3_000_000, 1, 29_999, 30_001, 1_200_000, 7, 5_000_000, 65_536, 2_097_152, 999_983]
        let bytes = TestPattern.bytes(count: sizes.reduce(0, +))
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let path = server.dataDirectory + "/pipelined.bin"
                var inFlightAfterCalls: [Int] = []
                try sftp.withFile(path, mode: .write, writeWindow: window) { file in
                    var offset = 0
                    for size in sizes {
                        try bytes[offset..<offset + size].withUnsafeBytes { try file.write($0) }
                        offset += size
                        inFlightAfterCalls.append(file.unacknowledgedByteCount)
                    }
                    #expect(file.unacknowledgedByteCount > 0)
                    try file.flush()
                    #expect(file.unacknowledgedByteCount == 0)
                }
                // The first call returned with all but the acknowledged request in flight.
                #expect(inFlightAfterCalls[0] > window / 2)
                #expect(inFlightAfterCalls.allSatisfy { $0 <= window })
                #expect(try sftp.stat(path).size == UInt64(bytes.count))
                #expect(try sftp.withFile(path, mode: .read) { try $0.readToEnd() } == bytes)
            }
        }
    }

    @Test("reading, seeking and fstat on a file being written wait for the writes in flight first")
    func operationsFlushFirst() throws {
        let bytes = TestPattern.bytes(count: 3_000_000)
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let path = server.dataDirectory + "/flushed.bin"
                try sftp.withFile(path, mode: .write) { file in
                    try file.write(bytes)
                    #expect(try file.attributes().size == UInt64(bytes.count))
                    #expect(file.unacknowledgedByteCount == 0)
                    try file.seek(to: 10)
                    try file.write([1, 2, 3])
                }
                var expected = bytes
                expected.replaceSubrange(10..<13, with: [1, 2, 3])
                #expect(try sftp.withFile(path, mode: .read) { try $0.readToEnd() } == expected)
            }
        }
    }

    @Test("a write the server refuses mid-pipeline fails the upload; that channel is unusable, a new one on the same connection works")
    func refusedMidPipeline() throws {
        let limit = 5_000_000
        let chunk = TestPattern.bytes(count: SFTPFile.preferredWriteSize)
        try withSSHServer(fileSizeLimit: limit) { server in
            try withSFTPSession(server.configuration()) { sftp in
                let path = server.dataDirectory + "/refused.bin"
                let error = try #require(throws: SFTPError.self) {
                    try sftp.withFile(path, mode: .write) { file in
                        for _ in 0..<20 { try file.write(chunk) }
                    }
                }
                #expect(error.code == .sftp)
                #expect(error.operation == "write")
                #expect(error.target.hasSuffix(path))
                #expect(sftp.isUnusable)
                let again = try #require(throws: SFTPError.self) { try sftp.stat(path) }
                #expect(again.code == .closed)

                let fresh = try SFTPSession(ssh: sftp.ssh)
                #expect(try fresh.stat(path).size ?? 0 <= UInt64(limit))
                try fresh.removeFile(path)
                #expect(!FileManager.default.fileExists(atPath: path))
            }
        }
    }
}
