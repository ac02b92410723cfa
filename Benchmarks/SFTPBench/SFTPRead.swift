import SFTP

/// Our SFTP download alone: the file read to the end in the client's preferred read size and
/// discarded, as the peers write theirs to /dev/null.
enum SFTPRead {
    /// Returns the cipher the server sent the file with.
    @discardableResult
    static func discarding(_ path: String, from configuration: SSHConfiguration) throws -> String? {
        try withSFTPSession(configuration) { sftp in
            try sftp.withFile(path, mode: .read) { file in
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: SFTPFile.preferredReadSize, alignment: 16)
                defer { buffer.deallocate() }
                while try file.read(into: buffer) > 0 {}
            }
            return sftp.ssh.receivingCipher
        }
    }
}
