@testable import SFTP
import SSHPeer
import Testing

@Suite("Rename and its overwrite rule", .serialized)
struct RenameTests {
    func write(_ text: String, to path: String, in sftp: SFTPSession) throws {
        try sftp.withFile(path, mode: .write) { try $0.write(Array(text.utf8)) }
    }

    func read(_ path: String, in sftp: SFTPSession) throws -> String {
        String(decoding: try sftp.withFile(path, mode: .read) { try $0.readToEnd() }, as: UTF8.self)
    }

    @Test("libssh2 1.10 with OpenSSH: rename onto an existing file fails despite the OVERWRITE flag")
    func plainRenameFails() throws {
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let (source, destination) = (server.dataDirectory + "/new.tmp", server.dataDirectory + "/name")
                try write("new", to: source, in: sftp)
                try write("old", to: destination, in: sftp)
                let error = try #require(throws: SFTPError.self) { try sftp.plainRename(source, to: destination) }
                #expect(error.code == .sftp)
                #expect(error.sftpStatus == 4)
                #expect(try read(destination, in: sftp) == "old")
            }
        }
    }

    @Test(".replace publishes name.tmp over an existing name")
    func replace() throws {
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let (source, destination) = (server.dataDirectory + "/new.tmp", server.dataDirectory + "/name")
                try write("new", to: source, in: sftp)
                try write("old", to: destination, in: sftp)
                #expect(try sftp.supportsPOSIXRename(), "OpenSSH announces posix-rename@openssh.com: the replace is atomic")
                try sftp.rename(source, to: destination, ifDestinationExists: .replace)
                #expect(try read(destination, in: sftp) == "new")
                #expect(try sftp.statIfExists(source) == nil)

                try write("newer", to: source, in: sftp)
                try sftp.createDirectory(server.dataDirectory + "/dir")
                let error = try #require(throws: SFTPError.self) {
                    try sftp.rename(source, to: server.dataDirectory + "/dir", ifDestinationExists: .replace)
                }
                #expect(error.code == .alreadyExists)
            }
        }
    }

    @Test(".replace publishes over an existing name on a server that refuses posix-rename@openssh.com (sftp-server -P posix-rename)")
    func replaceWithoutPOSIXRename() throws {
        try withSSHServer(deniedSFTPRequests: ["posix-rename"]) { server in
            try withSFTPSession(server.configuration()) { sftp in
                let (source, destination) = (server.dataDirectory + "/new.tmp", server.dataDirectory + "/name")
                try write("new", to: source, in: sftp)
                try write("old", to: destination, in: sftp)
                // OpenSSH 9.2 no longer announces a refused extension; older servers announce it and
                // answer PERMISSION_DENIED, as this one does when asked anyway: both fall back.
                #expect(try !sftp.supportsPOSIXRename())
                let refused = try #require(throws: SFTPError.self) { try sftp.extensionChannel?.posixRename(source, to: destination) }
                #expect(refused.code == .permissionDenied)
                #expect(try sftp.atomicReplace(source, to: destination) == false, "refused: fall back")
                #expect(try read(destination, in: sftp) == "old")

                try sftp.rename(source, to: destination, ifDestinationExists: .replace)
                #expect(try read(destination, in: sftp) == "new")
                #expect(try sftp.statIfExists(source) == nil)

                try write("first", to: source, in: sftp)
                let free = server.dataDirectory + "/free"
                try sftp.rename(source, to: free, ifDestinationExists: .replace)
                #expect(try read(free, in: sftp) == "first")

                try write("newer", to: source, in: sftp)
                try sftp.createDirectory(server.dataDirectory + "/dir")
                let error = try #require(throws: SFTPError.self) {
                    try sftp.rename(source, to: server.dataDirectory + "/dir", ifDestinationExists: .replace)
                }
                #expect(error.code == .alreadyExists)
                #expect(try read(source, in: sftp) == "newer")
            }
        }
    }

    @Test(".failIfExists keeps the destination and says so; renames when it is free")
    func failIfExists() throws {
        try withSSHServer { server in
            try withSFTPSession(server.configuration()) { sftp in
                let (source, destination) = (server.dataDirectory + "/new.tmp", server.dataDirectory + "/name")
                try write("new", to: source, in: sftp)
                try write("old", to: destination, in: sftp)
                let error = try #require(throws: SFTPError.self) {
                    try sftp.rename(source, to: destination, ifDestinationExists: .failIfExists)
                }
                #expect(error.code == .alreadyExists)
                #expect(error.description.contains(destination))
                #expect(try read(destination, in: sftp) == "old")

                let free = server.dataDirectory + "/free"
                try sftp.rename(source, to: free, ifDestinationExists: .failIfExists)
                #expect(try read(free, in: sftp) == "new")
            }
        }
    }
}
