internal import CLibSSH2

extension SFTPFile {
    /// Writes `bytes` at the current position and returns while up to `writeWindow` bytes of
    /// this and earlier calls are still in flight.
    ///
    /// So one file keeps the link busy: libssh2 cuts what it is given into ~30,000-byte SFTP
    /// writes, and each call hands it the unacknowledged bytes followed by new ones (see
    /// `SFTPWriteWindow`), so requests go out as fast as acknowledgements come back instead of
    /// one buffer per round trip. The SSH channel's window (2 MiB from OpenSSH's sshd) then bounds
    /// a single file at about that much per round trip.
    ///
    /// A failure of bytes in flight surfaces from a later `write`, `flush()` or `close()`; the
    /// file must then be treated as incomplete (`close()` reports it, so `withFile` throws).
    ///
    /// Verified against OpenSSH's sshd (SFTPTests, "Pipelined writes"): libssh2 1.10's
    /// non-blocking `libssh2_sftp_write` returns once the first of its requests is acknowledged,
    /// the count it returns covers only acknowledged bytes, and when called again with those
    /// bytes dropped from the front and new ones added at the back it sends only the new ones
    /// (the file comes out byte-identical with many calls per round trip and more than one
    /// buffer in flight). A server's refusal (e.g. `EFBIG`) comes back as that write's error.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try checkOpen("write")
        try checkWriteFailure()
        var remaining = bytes
        repeat {
            let taken = window.append(remaining)
            remaining = UnsafeRawBufferPointer(rebasing: remaining[taken...])
            try sendWindow()
        } while !remaining.isEmpty
    }

    /// Written bytes the server has not acknowledged yet: at most the file's write window.
    public var unacknowledgedByteCount: Int { window.count }

    /// Writes all of `bytes` at the current position (pipelined, as `write(_:)` with a pointer).
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Waits until the server has acknowledged every byte written; throws the failure of any.
    public func flush() throws {
        try checkWriteFailure()
        while !window.isEmpty {
            if try sendWindow() == 0 {
                throw recordFailure(SFTPError(
                    code: .ssh, operation: "write", target: sftp.ssh.target(path),
                    message: "libssh2 acknowledged none of \(window.count) bytes held"))
            }
        }
    }

    /// One `libssh2_sftp_write` call with the window's bytes, retried on `EAGAIN` until it
    /// answers: sends what has not been sent and returns after at least one acknowledgement
    /// (or at once when nothing is in flight). Returns the bytes acknowledged.
    @discardableResult
    private func sendWindow() throws -> Int {
        try sftp.checkUsable("write", path: path)
        let acknowledged: Int
        do {
            acknowledged = try window.withBytes { pending in
                try sftp.ssh.retrying("write", path: path) {
                    libssh2_sftp_write(raw, pending.baseAddress?.assumingMemoryBound(to: CChar.self), pending.count)
                }
            }
        } catch let error as SFTPError {
            throw recordFailure(error)
        }
        if acknowledged < 0 { throw recordFailure(sftp.failure("write", path: path, rc: Int32(acknowledged))) }
        window.acknowledge(acknowledged)
        return acknowledged
    }

    /// One non-blocking `libssh2_sftp_write` call with the window's bytes, for callers that drive
    /// several files on one connection: the bytes acknowledged, or nil when libssh2 answered
    /// `EAGAIN` (the next call must then come with the same bytes, as it will).
    func sendWindowOnce() throws -> Int? {
        try checkWriteFailure()
        try sftp.checkUsable("write", path: path)
        try sftp.ssh.checkUsable("write", path: path)
        let rc = window.withBytes { pending in
            libssh2_sftp_write(raw, pending.baseAddress?.assumingMemoryBound(to: CChar.self), pending.count)
        }
        if rc == Int(LIBSSH2_ERROR_EAGAIN) { return nil }
        if rc < 0 { throw recordFailure(sftp.failure("write", path: path, rc: Int32(rc))) }
        window.acknowledge(rc)
        return rc
    }

    /// Remembers `error` for later calls, drops the bytes held (libssh2 has dropped its queue)
    /// and marks the channel unusable (see `SFTPSession.isUnusable`). Returns `error`.
    func recordFailure(_ error: SFTPError) -> SFTPError {
        writeFailure = error
        window.discard()
        if error.code != .timeout { sftp.isUnusable = true }
        return error
    }

    private func checkWriteFailure() throws {
        guard let writeFailure else { return }
        throw writeFailure
    }
}
