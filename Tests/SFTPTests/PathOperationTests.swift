import Foundation
import SFTP
import SSHPeer
import Testing

@Suite("stat, mkdir -p, list, remove", .serialized)
struct PathOperationTests {
    @Test("mkdir -p creates missing parents, is idempotent, and rejects a file in the way")
    func makeDirectories() throws {
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let deep = server.dataDirectory + "/a/b/c"
                try sftp.createDirectory(deep, intermediates: true)
                #expect(try sftp.stat(deep).isDirectory)
                try sftp.createDirectory(deep, intermediates: true)

                try sftp.withFile(server.dataDirectory + "/a/file", mode: .write) { try $0.write(Array("x".utf8)) }
                let error = try #require(throws: SFTPError.self) {
                    try sftp.createDirectory(server.dataDirectory + "/a/file/d", intermediates: true)
                }
                #expect(error.code == .alreadyExists)

                let plain = try #require(throws: SFTPError.self) { try sftp.createDirectory(server.dataDirectory + "/x/y") }
                #expect(plain.code == .noSuchFile)
            }
        }
    }

    @Test("stat reports kind, size and permissions; a missing path is noSuchFile naming the path")
    func stat() throws {
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let path = server.dataDirectory + "/five"
                try sftp.withFile(path, mode: .write, permissions: 0o640) { try $0.write(Array("12345".utf8)) }
                let attributes = try sftp.stat(path)
                #expect(attributes.kind == .file)
                #expect(attributes.size == 5)
                #expect(attributes.permissions == 0o640)
                #expect(attributes.modificationTime != nil)

                let missing = server.dataDirectory + "/missing"
                #expect(try sftp.statIfExists(missing) == nil)
                let error = try #require(throws: SFTPError.self) { try sftp.stat(missing) }
                #expect(error.code == .noSuchFile)
                #expect(error.sftpStatus == 2)
                #expect(error.description.contains("127.0.0.1:\(server.port)\(missing)"))
            }
        }
    }

    @Test("list shows files and directories without . and ..; remove deletes them")
    func listAndRemove() throws {
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let root = server.dataDirectory
                try sftp.createDirectory(root + "/sub")
                try sftp.withFile(root + "/one.txt", mode: .write) { try $0.write(Array("1".utf8)) }
                let entries = try sftp.contentsOfDirectory(root)
                #expect(entries.map(\.name) == ["one.txt", "sub"])
                #expect(entries.map(\.attributes.kind) == [.file, .directory])

                try sftp.removeFile(root + "/one.txt")
                try sftp.removeDirectory(root + "/sub")
                #expect(try sftp.contentsOfDirectory(root).isEmpty)
                let error = try #require(throws: SFTPError.self) { try sftp.removeFile(root + "/one.txt") }
                #expect(error.code == .noSuchFile)
            }
        }
    }

    @Test("a directory of 1,500 files lists completely")
    func largeDirectory() throws {
        try withSSHServer { server in
            let root = server.dataDirectory + "/many"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            let names = (0..<1_500).map { "file-\($0)-" + String(repeating: "n", count: $0 % 100) }
            for name in names {
                #expect(FileManager.default.createFile(atPath: root + "/" + name, contents: Data("x".utf8)))
            }
            let listed = try withSFTPSession(server.configuration()) { sftp in
                try sftp.contentsOfDirectory(root)
            }
            #expect(listed.count == 1_500)
            #expect(Set(listed.map(\.name)) == Set(names))
            #expect(listed.allSatisfy { $0.attributes.size == 1 })
        }
    }
}
