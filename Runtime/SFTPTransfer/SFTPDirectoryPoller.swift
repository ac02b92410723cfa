public import SFTP
public import TransferCore

/// Pull: lists a partner's directory on each `poll`, keeps the files whose names match the
/// pattern, waits until a file's size and modification time hold still across two polls, and
/// hands out each version once (claimed in the `SeenFileStore`).
///
/// The stability memory lives in this object, so polls must come from one long-lived poller (the
/// worker); the seen-store is shared and durable.
public final class SFTPDirectoryPoller {
    public let source: SSHConfiguration
    public let directory: String
    public let pattern: GlobPattern
    public let store: any SeenFileStore
    public let sessions: SFTPSessionLimiter
    private var filter = StableFileFilter()

    public init(
        source: SSHConfiguration, directory: String, pattern: GlobPattern, store: any SeenFileStore,
        sessions: SFTPSessionLimiter
    ) {
        self.source = source
        self.directory = directory
        self.pattern = pattern
        self.store = store
        self.sessions = sessions
    }

    /// The files that became ready and that this call claimed, sorted by path.
    public func poll() throws(TransferError) -> [RemoteFileVersion] {
        let endpoint = "\(source.username)@\(source.host):\(source.port)"
        let listing = try TransferError.context("listing \(endpoint):\(directory)") {
            try sessions.withSession(source) { sftp in try matchingFiles(in: sftp) }
        }
        var claimed: [RemoteFileVersion] = []
        for version in filter.observe(listing) where try store.claim(version, on: endpoint) {
            claimed.append(version)
        }
        return claimed.sorted { $0.path < $1.path }
    }

    private func matchingFiles(in sftp: SFTPSession) throws -> [RemoteFileVersion] {
        var files: [RemoteFileVersion] = []
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        try sftp.forEachEntry(in: directory) { entry in
            guard entry.attributes.kind == .file, pattern.matches(entry.name),
                let size = entry.attributes.size, let modified = entry.attributes.modificationTime
            else { return }
            files.append(RemoteFileVersion(path: prefix + entry.name, size: size, modificationTime: modified))
        }
        return files
    }
}

@available(*, unavailable, message: "a poller keeps the previous listing; poll from one thread")
extension SFTPDirectoryPoller: Sendable {}
