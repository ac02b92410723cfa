internal import CLibSSH2

extension SFTPSession {
    /// The attributes of `path`, following symbolic links.
    public func stat(_ path: String) throws -> SFTPAttributes {
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        try perform("stat", path: path) {
            libssh2_sftp_stat_ex(raw, path, UInt32(path.utf8.count), LIBSSH2_SFTP_STAT, &attributes)
        }
        return SFTPAttributes(attributes)
    }

    /// The attributes of `path`, or nil when it does not exist.
    public func statIfExists(_ path: String) throws -> SFTPAttributes? {
        do {
            return try stat(path)
        } catch let error as SFTPError where error.code == .noSuchFile {
            return nil
        }
    }

    /// Creates a directory.
    ///
    /// - Parameters:
    ///   - intermediates: like `mkdir -p`: creates missing parents and succeeds when the
    ///     directory exists already (also when another client creates it at the same time).
    ///   - permissions: for each directory created, before the server's umask.
    public func createDirectory(_ path: String, intermediates: Bool = false, permissions: UInt32 = 0o755) throws {
        guard intermediates else {
            try perform("mkdir", path: path) { libssh2_sftp_mkdir_ex(raw, path, UInt32(path.utf8.count), Int(permissions)) }
            return
        }
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in components {
            prefix += "/" + component
            let current = prefix.hasPrefix("./") ? String(prefix.dropFirst(2)) : prefix
            if let existing = try statIfExists(current) {
                guard existing.isDirectory else {
                    throw SFTPError(
                        code: .alreadyExists, operation: "mkdir -p", target: ssh.target(current),
                        message: "\(current) exists and is not a directory")
                }
                continue
            }
            do {
                try perform("mkdir", path: current) {
                    libssh2_sftp_mkdir_ex(raw, current, UInt32(current.utf8.count), Int(permissions))
                }
            } catch let error as SFTPError {
                // Someone else may have created it between our stat and mkdir.
                guard try statIfExists(current)?.isDirectory == true else { throw error }
            }
        }
    }

    /// Removes a file (or symbolic link).
    public func removeFile(_ path: String) throws {
        try perform("remove", path: path) { libssh2_sftp_unlink_ex(raw, path, UInt32(path.utf8.count)) }
    }

    /// Removes an empty directory.
    public func removeDirectory(_ path: String) throws {
        try perform("rmdir", path: path) { libssh2_sftp_rmdir_ex(raw, path, UInt32(path.utf8.count)) }
    }
}
