internal import CLibSSH2

/// An open remote directory; closes the libssh2 handle in `deinit` and keeps its SFTP session
/// alive meanwhile.
final class SFTPDirectoryHandle {
    let sftp: SFTPSession
    let path: String
    private let raw: OpaquePointer

    init(sftp: SFTPSession, path: String) throws {
        self.sftp = sftp
        self.path = path
        try sftp.checkUsable("opendir", path: path)
        let opened = try sftp.ssh.retrying("opendir", path: path) {
            libssh2_sftp_open_ex(sftp.raw, path, UInt32(path.utf8.count), 0, 0, LIBSSH2_SFTP_OPENDIR)
        }
        guard let opened else {
            throw sftp.failure("opendir", path: path, rc: libssh2_session_last_errno(sftp.ssh.raw))
        }
        raw = opened
    }

    deinit {
        _ = try? sftp.ssh.retrying("closedir", path: path) { libssh2_sftp_close_handle(raw) }
    }

    /// The next entry, "." and ".." included; nil at the end.
    ///
    /// - Parameters:
    ///   - buffer: scratch space for the name; 4 KiB fits any POSIX file name.
    func next(buffer: inout [CChar]) throws -> SFTPDirectoryEntry? {
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        let capacity = buffer.count
        let length = try buffer.withUnsafeMutableBufferPointer { names in
            try sftp.ssh.retrying("readdir", path: path) {
                Int(libssh2_sftp_readdir_ex(raw, names.baseAddress, capacity, nil, 0, &attributes))
            }
        }
        if length == 0 { return nil }
        if length < 0 { throw sftp.failure("readdir", path: path, rc: Int32(length)) }
        let name = buffer.withUnsafeBytes { bytes in
            String(decoding: bytes.prefix(length), as: UTF8.self)
        }
        return SFTPDirectoryEntry(name: name, attributes: SFTPAttributes(attributes))
    }
}
