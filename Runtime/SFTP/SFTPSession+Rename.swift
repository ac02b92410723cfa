internal import CLibSSH2

extension SFTPSession {
    /// Renames `source` to `destination`, following `rule` when the destination exists.
    ///
    /// The usual use is publishing an upload: write `name.tmp`, then rename it onto `name` with
    /// `.replace`. See `SFTPRenameRule` for what is and is not atomic.
    public func rename(_ source: String, to destination: String, ifDestinationExists rule: SFTPRenameRule) throws {
        switch rule {
        case .failIfExists:
            if try statIfExists(destination) != nil { throw exists(source, destination) }
            try plainRename(source, to: destination)
        case .replace:
            if try supportsPOSIXRename(), try atomicReplace(source, to: destination) { return }
            try removeAndRename(source, to: destination)
        }
    }

    /// Whether the server takes `posix-rename@openssh.com`; opens the extension channel once.
    public func supportsPOSIXRename() throws -> Bool {
        if extensionChannel == nil { extensionChannel = try OpenSSHExtensionChannel(ssh: ssh) }
        return extensionChannel?.extensions.contains(OpenSSHExtensionChannel.posixRename) == true
    }

    /// Renames with `posix-rename@openssh.com`; returns false when the server refused the
    /// request itself (PERMISSION_DENIED or OP_UNSUPPORTED), so the caller falls back to the
    /// plain rename, which fails the same way when the path is to blame. OpenSSH's `sftp-server
    /// -P posix-rename` answers PERMISSION_DENIED; 9.2 then no longer announces the extension,
    /// older releases still do.
    func atomicReplace(_ source: String, to destination: String) throws -> Bool {
        do {
            try extensionChannel?.posixRename(source, to: destination)
            return true
        } catch let error as SFTPError where error.code == .sftp || error.code == .permissionDenied {
            if try statIfExists(destination)?.isDirectory == true { throw exists(source, destination) }
            let refused = [UInt(LIBSSH2_FX_PERMISSION_DENIED), UInt(LIBSSH2_FX_OP_UNSUPPORTED)]
            guard let status = error.sftpStatus, refused.contains(status) else { throw error }
            return false
        }
    }

    private func removeAndRename(_ source: String, to destination: String) throws {
        do {
            try plainRename(source, to: destination)
        } catch let error as SFTPError where error.code == .sftp || error.code == .alreadyExists {
            guard let existing = try statIfExists(destination) else { throw error }
            guard !existing.isDirectory else { throw exists(source, destination) }
            try removeFile(destination)
            try plainRename(source, to: destination)
        }
    }

    /// SSH_FXP_RENAME with libssh2's overwrite/atomic/native flags. libssh2 1.10 puts the flags
    /// on the wire only for SFTP v5+ servers; OpenSSH speaks v3, so there it is a plain rename
    /// that fails when the destination exists.
    func plainRename(_ source: String, to destination: String) throws {
        let flags = Int(LIBSSH2_SFTP_RENAME_OVERWRITE | LIBSSH2_SFTP_RENAME_ATOMIC | LIBSSH2_SFTP_RENAME_NATIVE)
        try perform("rename to \(destination)", path: source) {
            libssh2_sftp_rename_ex(
                raw, source, UInt32(source.utf8.count), destination, UInt32(destination.utf8.count), flags)
        }
    }

    private func exists(_ source: String, _ destination: String) -> SFTPError {
        SFTPError(
            code: .alreadyExists, operation: "rename to \(destination)", target: ssh.target(source),
            message: "the destination \(destination) exists")
    }
}
