extension SFTPSession {
    /// Opens a remote file; the handle closes when the returned object goes away. Prefer
    /// `withFile`, which also reports a failed close.
    ///
    /// - Parameters:
    ///   - permissions: for a file the call creates, before the server's umask.
    ///   - writeWindow: the most written bytes in flight at once (see `SFTPFile.write(_:)`).
    public func openFile(
        _ path: String, mode: SFTPOpenMode, permissions: UInt32 = 0o644, writeWindow: Int = SFTPFile.preferredWriteWindow
    ) throws -> SFTPFile {
        try SFTPFile(sftp: self, path: path, mode: mode, permissions: permissions, writeWindow: writeWindow)
    }

    /// Opens a remote file, runs `body` with it and closes it, also when `body` throws.
    public func withFile<R>(
        _ path: String, mode: SFTPOpenMode, permissions: UInt32 = 0o644, writeWindow: Int = SFTPFile.preferredWriteWindow,
        _ body: (SFTPFile) throws -> R
    ) throws -> R {
        let file = try openFile(path, mode: mode, permissions: permissions, writeWindow: writeWindow)
        let result: R
        do {
            result = try body(file)
        } catch {
            try? file.close()
            throw error
        }
        try file.close()
        return result
    }
}
