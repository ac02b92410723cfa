internal import CLibSSH2

/// An open remote file; closes the libssh2 handle in `deinit` (or `close()`) and keeps its SFTP
/// session, and so the connection, alive meanwhile.
///
/// Writes are pipelined: up to `writeWindow` bytes stay in flight across `write` calls (see
/// `write(_:)`), and `flush()`, `close()`, reads, seeks and `attributes()` first wait for them.
public final class SFTPFile {
    public let sftp: SFTPSession
    public let path: String
    let raw: OpaquePointer
    private var isOpen = true
    /// The written bytes the server has not acknowledged yet.
    var window: SFTPWriteWindow
    /// The failure of a pipelined write; every later write, flush and close reports it, since the
    /// bytes in flight with it are lost.
    var writeFailure: SFTPError?

    /// Takes ownership of `raw`, a handle libssh2 opened on `sftp`.
    init(sftp: SFTPSession, path: String, adopting raw: OpaquePointer, writeWindow: Int) {
        self.sftp = sftp
        self.path = path
        self.raw = raw
        window = SFTPWriteWindow(capacity: writeWindow)
    }

    convenience init(sftp: SFTPSession, path: String, mode: SFTPOpenMode, permissions: UInt32, writeWindow: Int) throws {
        try sftp.checkUsable("open", path: path)
        let opened = try sftp.ssh.retrying("open", path: path) {
            libssh2_sftp_open_ex(
                sftp.raw, path, UInt32(path.utf8.count), mode.flags, Int(permissions), LIBSSH2_SFTP_OPENFILE)
        }
        guard let opened else {
            throw sftp.failure("open", path: path, rc: libssh2_session_last_errno(sftp.ssh.raw))
        }
        self.init(sftp: sftp, path: path, adopting: opened, writeWindow: writeWindow)
    }

    deinit {
        guard isOpen else { return }
        // Bytes still in flight are waited for (bounded by the timeout): closing a handle while
        // libssh2 holds a half-sent write would cut the SFTP stream mid-request.
        if writeFailure == nil, (try? flush()) != nil {
            _ = try? sftp.ssh.retrying("close", path: path) { libssh2_sftp_close_handle(raw) }
        }
    }

    /// Waits for the writes in flight, closes the handle and reports failure, which for a written
    /// file can mean the server could not store the data. Further calls fail with `.closed`.
    ///
    /// After a failed write the handle is not closed at all, only forgotten with its channel:
    /// libssh2 may have dropped a half-sent request, so a CLOSE on that channel could be read by
    /// the server as part of it and never be answered.
    public func close() throws {
        guard isOpen else { return }
        isOpen = false
        try flush()
        try sftp.perform("close", path: path) { libssh2_sftp_close_handle(raw) }
    }

    /// One non-blocking close call, for callers that drive several files on one connection:
    /// true once closed, false when libssh2 answered `EAGAIN`. Every write must be acknowledged.
    func closeOnce() throws -> Bool {
        precondition(window.isEmpty, "closing \(path) with writes in flight")
        guard isOpen else { return true }
        let rc = libssh2_sftp_close_handle(raw)
        if rc == LIBSSH2_ERROR_EAGAIN { return false }
        isOpen = false
        if rc != 0 { throw sftp.failure("close", path: path, rc: rc) }
        return true
    }

    func checkOpen(_ operation: String) throws {
        guard isOpen else {
            throw SFTPError(code: .closed, operation: operation, target: sftp.ssh.target(path), message: "the file is closed")
        }
    }

    /// The file's attributes, from the open handle.
    public func attributes() throws -> SFTPAttributes {
        try checkOpen("fstat")
        try flush()
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        try sftp.perform("fstat", path: path) { libssh2_sftp_fstat_ex(raw, &attributes, 0) }
        return SFTPAttributes(attributes)
    }
}

@available(*, unavailable, message: "libssh2 sessions must not be used from two threads at once")
extension SFTPFile: Sendable {}
