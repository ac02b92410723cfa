internal import CLibSSH2

/// The SFTP subsystem on an SSH connection: owns the libssh2 SFTP session and shuts it down in
/// `deinit`. Holds its `SSHSession`, so the connection lives as long as this does.
public final class SFTPSession {
    public let ssh: SSHSession
    let raw: OpaquePointer
    /// Opened on first use by `rename(_:to:ifDestinationExists:)` with `.replace`; nil until then.
    var extensionChannel: OpenSSHExtensionChannel?
    /// Set when a pipelined write failed: libssh2 may have dropped a half-sent request, so the
    /// server could read the next request on this channel as part of it. Later calls fail at once
    /// with `.closed`; another `SFTPSession` on the same connection still works.
    public internal(set) var isUnusable = false

    /// Starts the SFTP subsystem on `ssh`.
    public convenience init(ssh: SSHSession) throws {
        guard let raw = try ssh.retrying("sftp init", { libssh2_sftp_init(ssh.raw) }) else {
            throw Self.startFailure(on: ssh)
        }
        self.init(ssh: ssh, adopting: raw)
    }

    /// Why `libssh2_sftp_init` gave no session: `.channelRefused` when the server would not open
    /// the channel (libssh2 reports no finer reason), `.ssh` otherwise.
    static func startFailure(on ssh: SSHSession) -> SFTPError {
        let rc = libssh2_session_last_errno(ssh.raw)
        guard rc == LIBSSH2_ERROR_CHANNEL_FAILURE else { return ssh.failure(.ssh, "sftp init", rc: rc) }
        var error = ssh.failure(.channelRefused, "sftp init", rc: rc)
        error.message = "the server refused another channel on this connection (\(error.message)); sshd's MaxSessions bounds them"
        return error
    }

    /// Takes ownership of `raw`, an SFTP session libssh2 started on `ssh`.
    init(ssh: SSHSession, adopting raw: OpaquePointer) {
        self.ssh = ssh
        self.raw = raw
    }

    deinit {
        _ = try? ssh.retrying("sftp shutdown") { libssh2_sftp_shutdown(raw) }
    }

    /// The error for a failed SFTP call: the server's status when it sent one, libssh2's
    /// otherwise.
    func failure(_ operation: String, path: String, rc: Int32) -> SFTPError {
        guard rc == LIBSSH2_ERROR_SFTP_PROTOCOL else { return ssh.failure(.ssh, operation, path: path, rc: rc) }
        let status = libssh2_sftp_last_error(raw)
        return SFTPError(
            code: SFTPError.Code(sftpStatus: status), operation: operation, target: ssh.target(path),
            message: "the server answered \(SFTPError.statusName(status))", libssh2Error: rc, sftpStatus: status)
    }

    /// Throws `.closed` once the channel is unusable (see `isUnusable`).
    func checkUsable(_ operation: String, path: String) throws {
        guard isUnusable else { return }
        throw SFTPError(
            code: .closed, operation: operation, target: ssh.target(path),
            message: "this SFTP channel is unusable after a failed write; open another SFTPSession on the connection")
    }

    /// Runs an SFTP call that returns an `int` status through the poll loop, throwing unless 0.
    func perform(_ operation: String, path: String, _ call: () -> Int32) throws {
        try checkUsable(operation, path: path)
        let rc = try ssh.retrying(operation, path: path, call)
        if rc != 0 { throw failure(operation, path: path, rc: rc) }
    }
}

@available(*, unavailable, message: "libssh2 sessions must not be used from two threads at once")
extension SFTPSession: Sendable {}
