internal import CLibSSH2

/// Single non-blocking steps for `SFTPRangeWriter`, which opens and drives several channels on
/// one connection from one thread: each answers nil where libssh2 answered `EAGAIN`, and must then
/// be called again with the same arguments before anything else sends (see
/// `SSHSession.isBlockedSending`).
extension SFTPSession {
    /// One step of starting an SFTP subsystem on a new channel of `ssh`. libssh2 keeps one
    /// start-up state per connection, so only one start may be under way at a time.
    static func startOnce(on ssh: SSHSession) throws -> SFTPSession? {
        try ssh.checkUsable("sftp init")
        guard let raw = libssh2_sftp_init(ssh.raw) else {
            if libssh2_session_last_errno(ssh.raw) == LIBSSH2_ERROR_EAGAIN { return nil }
            throw startFailure(on: ssh)
        }
        return SFTPSession(ssh: ssh, adopting: raw)
    }

    /// One step of opening `path` (pipelined writes of `writeWindow`).
    func openOnce(_ path: String, mode: SFTPOpenMode, permissions: UInt32 = 0o644, writeWindow: Int) throws -> SFTPFile? {
        try checkUsable("open", path: path)
        try ssh.checkUsable("open", path: path)
        let opened = libssh2_sftp_open_ex(
            raw, path, UInt32(path.utf8.count), mode.flags, Int(permissions), LIBSSH2_SFTP_OPENFILE)
        guard let opened else {
            let rc = libssh2_session_last_errno(ssh.raw)
            if rc == LIBSSH2_ERROR_EAGAIN { return nil }
            throw failure("open", path: path, rc: rc)
        }
        return SFTPFile(sftp: self, path: path, adopting: opened, writeWindow: writeWindow)
    }
}
