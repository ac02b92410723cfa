extension SFTPSession {
    /// Writes `ranges` of the file at `path` at once, each over an SFTP channel of its own on
    /// this session's SSH connection, and returns when the server has acknowledged every byte.
    ///
    /// One channel carries at most its window (2 MiB from OpenSSH's sshd) per round trip, however
    /// deep the pipeline; several carry that each. They share one connection and one login, so a
    /// partner's limit on connections or logins is spent once; each channel counts against sshd's
    /// `MaxSessions` (10 by default, this session and its rename channel included).
    ///
    /// The file is opened with `.update` on every channel, so create (or truncate) it first. On
    /// failure the file holds an unknown mix of written and unwritten bytes: never publish it.
    /// This session stays usable either way (the ranges' channels are separate), so the caller can
    /// remove the file.
    ///
    /// - Parameters:
    ///   - writeWindow: the bytes each range keeps in flight (see `SFTPFile.write(_:)`).
    public func writeRanges(_ path: String, _ ranges: [SFTPRange], writeWindow: Int = SFTPFile.preferredWriteWindow) throws {
        try SFTPRangeWriter(ssh: ssh, path: path, ranges: ranges, writeWindow: writeWindow).run()
    }
}
