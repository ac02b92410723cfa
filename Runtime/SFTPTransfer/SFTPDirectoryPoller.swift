public import SFTP
public import TransferCore

/// Pull: lists a partner's directory on each `poll`, keeps the files whose names match the
/// pattern, waits until a file's size and modification time hold still across two polls, and
/// hands out each version once (recorded in the `SeenFileStore`).
///
/// A version is recorded as taken only after the caller's `take` has made what carries it on (the
/// worker's job, whose id is the version's): a run that dies between the two leaves the version
/// untaken, and the next run hands it out again to a `take` that must find the job it made.
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

    /// The files that became ready and were not taken before, sorted by path, each handed to
    /// `take` and then recorded as taken. A `take` that throws stops the poll with its error and
    /// leaves its version, and the ones after it, untaken.
    @discardableResult
    public func poll(
        _ take: (RemoteFileVersion) throws(TransferError) -> Void = { _ in }
    ) throws(TransferError) -> [RemoteFileVersion] {
        let endpoint = "\(source.username)@\(source.host):\(source.port)"
        let listing = try TransferError.context("listing \(endpoint):\(directory)") {
            try sessions.withSession(source) { sftp in try matchingFiles(in: sftp) }
        }
        var taken: [RemoteFileVersion] = []
        for version in filter.observe(listing).sorted(by: { $0.path < $1.path }) where try !store.isTaken(version, on: endpoint) {
            try take(version)
            if try store.claim(version, on: endpoint) { taken.append(version) }
        }
        return taken
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
