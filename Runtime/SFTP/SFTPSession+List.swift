extension SFTPSession {
    /// Calls `body` with each entry of the directory at `path`, without "." and "..", in the
    /// server's order. Streams: memory stays flat however large the directory is.
    public func forEachEntry(in path: String, _ body: (SFTPDirectoryEntry) throws -> Void) throws {
        let directory = try SFTPDirectoryHandle(sftp: self, path: path)
        var buffer = [CChar](repeating: 0, count: 4096)
        while let entry = try directory.next(buffer: &buffer) {
            if entry.name == "." || entry.name == ".." { continue }
            try body(entry)
        }
    }

    /// All entries of the directory at `path`, without "." and "..", sorted by name.
    public func contentsOfDirectory(_ path: String) throws -> [SFTPDirectoryEntry] {
        var entries: [SFTPDirectoryEntry] = []
        try forEachEntry(in: path) { entries.append($0) }
        return entries.sorted { $0.name < $1.name }
    }
}
