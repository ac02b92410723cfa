import MotoPeer
import SFTP
import SSHPeer
import Testing

@Suite("Reading and writing files", .serialized)
struct TransferTests {
    @Test("a 10 MB file written in chunks reads back byte-identical", arguments: [
        (SFTPFile.preferredWriteSize, SFTPFile.preferredReadSize), (65_536, 30_000), (10_000_000, 1_000_000),
    ])
    func roundTrip(writeSize: Int, readSize: Int) throws {
        let bytes = TestPattern.bytes(count: 10_000_000 + 17)
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let path = server.dataDirectory + "/big.bin"
                try sftp.withFile(path, mode: .write) { file in
                    var offset = 0
                    while offset < bytes.count {
                        let end = min(offset + writeSize, bytes.count)
                        try bytes[offset..<end].withUnsafeBytes { try file.write($0) }
                        offset = end
                    }
                }
                #expect(try sftp.stat(path).size == UInt64(bytes.count))
                let back = try sftp.withFile(path, mode: .read) { try $0.readToEnd(chunkSize: readSize) }
                #expect(back.count == bytes.count)
                #expect(back == bytes)
            }
        }
    }

    @Test("a file handle keeps its SFTP and SSH sessions alive after the caller drops them")
    func handleKeepsSessionAlive() throws {
        try withSSHServer { server in
            let path = server.dataDirectory + "/kept.txt"
            func openOnly() throws -> SFTPFile {
                let sftp = try SFTPSession(ssh: SSHSession(configuration: server.configuration()))
                try sftp.withFile(path, mode: .write) { try $0.write(Array("still here".utf8)) }
                return try sftp.openFile(path, mode: .read)
            }
            let file = try openOnly()
            #expect(try file.readToEnd() == Array("still here".utf8))
            try file.close()
            let error = try #require(throws: SFTPError.self) { try file.readToEnd() }
            #expect(error.code == .closed)
        }
    }

    @Test("createNew refuses an existing file; append adds to the end")
    func openModes() throws {
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let path = server.dataDirectory + "/modes.txt"
                try sftp.withFile(path, mode: .createNew) { try $0.write(Array("a".utf8)) }
                let error = try #require(throws: SFTPError.self) {
                    try sftp.withFile(path, mode: .createNew) { _ in }
                }
                #expect(error.operation == "open")
                try sftp.withFile(path, mode: .append) { try $0.write(Array("b".utf8)) }
                #expect(try sftp.withFile(path, mode: .read) { try $0.readToEnd() } == Array("ab".utf8))
            }
        }
    }
}
