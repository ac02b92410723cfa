internal import CLibSSH2

extension SFTPFile {
    /// Reads up to `buffer.count` bytes at the current position; 0 means end of file. Waits for
    /// any writes in flight first.
    ///
    /// libssh2 reads ahead about four times the buffer size in ~30,000-byte requests, so the
    /// buffer size sets the throughput: see `SFTPFile.preferredReadSize`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try checkOpen("read")
        try flush()
        try sftp.checkUsable("read", path: path)
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count > 0 else { return 0 }
        let count = try sftp.ssh.retrying("read", path: path) { libssh2_sftp_read(raw, base, buffer.count) }
        if count < 0 { throw sftp.failure("read", path: path, rc: Int32(count)) }
        return count
    }

    /// Reads from the current position to the end of the file.
    public func readToEnd(chunkSize: Int = SFTPFile.preferredReadSize) throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Moves the position for the next read or write, after waiting for the writes in flight
    /// (libssh2 forgets unacknowledged writes when the position moves).
    public func seek(to offset: UInt64) throws {
        try checkOpen("seek")
        try flush()
        libssh2_sftp_seek64(raw, offset)
    }
}
