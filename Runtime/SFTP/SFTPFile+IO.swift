internal import CLibSSH2

extension SFTPFile {
    /// Reads up to `buffer.count` bytes at the current position; 0 means end of file.
    ///
    /// libssh2 reads ahead about four times the buffer size in ~30,000-byte requests, so the
    /// buffer size sets the throughput: see `SFTPFile.preferredReadSize`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try checkOpen("read")
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count > 0 else { return 0 }
        let count = try sftp.ssh.retrying("read", path: path) { libssh2_sftp_read(raw, base, buffer.count) }
        if count < 0 { throw sftp.failure("read", path: path, rc: Int32(count)) }
        return count
    }

    /// Writes all of `bytes` at the current position.
    ///
    /// libssh2 cuts the buffer into ~30,000-byte SFTP writes and keeps them all in flight, so
    /// larger buffers go faster (see `SFTPFile.preferredWriteSize`). A call returns how much the
    /// server acknowledged; the rest may be in flight already, and libssh2 expects to be called
    /// again with exactly those unacknowledged bytes (it skips the part already sent), which is
    /// what this loop does.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try checkOpen("write")
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
        var offset = 0
        while offset < bytes.count {
            let remaining = bytes.count - offset
            let written = try sftp.ssh.retrying("write", path: path) { libssh2_sftp_write(raw, base + offset, remaining) }
            if written < 0 { throw sftp.failure("write", path: path, rc: Int32(written)) }
            offset += written
        }
    }

    /// Writes all of `bytes` at the current position.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
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

    /// Moves the position for the next read or write.
    public func seek(to offset: UInt64) throws {
        try checkOpen("seek")
        libssh2_sftp_seek64(raw, offset)
    }
}
