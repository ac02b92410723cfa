/// A second SFTP subsystem on the same connection, spoken by us, for OpenSSH extensions that
/// libssh2 1.10 has no call for (`posix-rename@openssh.com`).
///
/// Why a channel of its own: libssh2's SFTP session numbers its requests and files every reply
/// by id, so a request slipped into its channel could collide with one of its ids and leave a
/// reply it never collects. A separate channel has no shared state; it costs one channel open
/// and SFTP handshake per SFTP session (sshd's `MaxSessions`, 10 by default, allows it).
final class OpenSSHExtensionChannel {
    static let posixRename = "posix-rename@openssh.com"

    /// The extensions the server announced in its VERSION packet.
    let extensions: Set<String>
    private let channel: SSHChannel
    private var nextRequestID: UInt32 = 1

    init(ssh: SSHSession) throws {
        channel = try SSHChannel(ssh: ssh, subsystem: "sftp")
        try channel.write(SFTPWire.initPacket())
        let (type, payload) = try Self.readPacket(channel, operation: "sftp init (extension channel)")
        guard type == SFTPWire.versionType, let names = try? SFTPWire.extensionNames(inVersion: payload) else {
            throw Self.malformed(channel, "sftp init (extension channel)")
        }
        extensions = names
    }

    /// Renames with POSIX `rename(2)` semantics: an existing destination file is replaced
    /// atomically, so a reader sees the old file or the new one, never none.
    func posixRename(_ source: String, to destination: String) throws {
        let operation = "posix-rename to \(destination)"
        let id = nextRequestID
        nextRequestID &+= 1
        try channel.write(SFTPWire.extendedRequest(id: id, name: Self.posixRename, arguments: [source, destination]))
        let (type, payload) = try Self.readPacket(channel, operation: operation)
        guard type == SFTPWire.statusType, let status = try? SFTPWire.status(payload), status.id == id else {
            throw Self.malformed(channel, operation)
        }
        guard status.code == 0 else {
            let code = UInt(status.code)
            throw SFTPError(
                code: SFTPError.Code(sftpStatus: code), operation: operation, target: channel.ssh.target(source),
                message: "the server answered \(SFTPError.statusName(code))"
                    + (status.message.isEmpty ? "" : " (\(status.message))"),
                sftpStatus: code)
        }
    }

    private static func readPacket(_ channel: SSHChannel, operation: String) throws -> (type: UInt8, payload: [UInt8]) {
        let header = try channel.read(count: 4)
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard length >= 1, length <= SFTPWire.maximumPacketLength else { throw malformed(channel, operation) }
        let body = try channel.read(count: length)
        return (body[0], Array(body.dropFirst()))
    }

    private static func malformed(_ channel: SSHChannel, _ operation: String) -> SFTPError {
        SFTPError(
            code: .ssh, operation: operation, target: channel.ssh.target(nil),
            message: "the server sent an SFTP packet that does not parse")
    }
}

@available(*, unavailable, message: "libssh2 sessions must not be used from two threads at once")
extension OpenSSHExtensionChannel: Sendable {}
