internal import CLibSSH2

/// An open remote file; closes the libssh2 handle in `deinit` (or `close()`) and keeps its SFTP
/// session, and so the connection, alive meanwhile.
public final class SFTPFile {
    public let sftp: SFTPSession
    public let path: String
    let raw: OpaquePointer
    private var isOpen = true

    init(sftp: SFTPSession, path: String, mode: SFTPOpenMode, permissions: UInt32) throws {
        self.sftp = sftp
        self.path = path
        let opened = try sftp.ssh.retrying("open", path: path) {
            libssh2_sftp_open_ex(
                sftp.raw, path, UInt32(path.utf8.count), mode.flags, Int(permissions), LIBSSH2_SFTP_OPENFILE)
        }
        guard let opened else {
            throw sftp.failure("open", path: path, rc: libssh2_session_last_errno(sftp.ssh.raw))
        }
        raw = opened
    }

    deinit {
        if isOpen { _ = try? sftp.ssh.retrying("close", path: path) { libssh2_sftp_close_handle(raw) } }
    }

    /// Closes the handle and reports failure, which for a written file can mean the server could
    /// not store the data. Further calls fail with `.closed`.
    public func close() throws {
        guard isOpen else { return }
        isOpen = false
        try sftp.perform("close", path: path) { libssh2_sftp_close_handle(raw) }
    }

    func checkOpen(_ operation: String) throws {
        guard isOpen else {
            throw SFTPError(code: .closed, operation: operation, target: sftp.ssh.target(path), message: "the file is closed")
        }
    }

    /// The file's attributes, from the open handle.
    public func attributes() throws -> SFTPAttributes {
        try checkOpen("fstat")
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        try sftp.perform("fstat", path: path) { libssh2_sftp_fstat_ex(raw, &attributes, 0) }
        return SFTPAttributes(attributes)
    }
}

@available(*, unavailable, message: "libssh2 sessions must not be used from two threads at once")
extension SFTPFile: Sendable {}
