public import AWS
public import SFTP
public import TransferCore

/// S3 → SFTP: streams an object into `path.tmp` on the partner, checks the size, then renames it
/// to `path`, so a reader on the partner never sees part of a file under its final name.
///
/// Writes are pipelined (`SFTPFile.write`), and objects of `parallelUpload.threshold` or more go
/// over several SFTP channels of the one connection, each channel writing its own range fed by
/// its own ranged `GetObject` (`ParallelUpload`), so a distant partner's round trip does not cap
/// the speed at one channel window per round trip.
///
/// Memory stays at a few SFTP write buffers and windows whatever the object's size. The rename is atomic on
/// OpenSSH (`posix-rename@openssh.com`; see `SFTPRenameRule.replace` for other servers) and
/// replaces a file already at `path`. On failure the temporary file is removed when the
/// connection still allows it; after a dropped connection it stays until the retry, which
/// restarts it from the beginning (SFTP offers no checksum to trust a partial file's bytes, and
/// a fresh `GetObject` costs less than that doubt). A retry is always safe: `path` only ever
/// holds a complete copy.
public struct S3ToSFTPTransfer: Sendable {
    public var s3: any ObjectStore
    public var bucket: String
    public var key: String
    public var destination: SSHConfiguration
    /// The remote path to publish; its directory is created when missing.
    public var path: String
    public var sessions: SFTPSessionLimiter
    /// When to split the file over several channels of the connection.
    public var parallelUpload: ParallelUpload

    /// The buffer size of each range's download: the SFTP window, not this, sets the speed.
    static let rangeBufferSize = 256 * 1024

    public init(
        s3: any ObjectStore, bucket: String, key: String, destination: SSHConfiguration, path: String,
        sessions: SFTPSessionLimiter, parallelUpload: ParallelUpload = .standard
    ) {
        self.parallelUpload = parallelUpload
        self.s3 = s3
        self.bucket = bucket
        self.key = key
        self.destination = destination
        self.path = path
        self.sessions = sessions
    }

    /// The temporary name the bytes are written under before the rename.
    public var temporaryPath: String { path + ".tmp" }

    /// Copies the object and returns its size and ETag.
    ///
    /// - Parameter stop: checked before each write to the partner; once raised the copy ends like
    ///   a failed one (the temporary file removed), since a partial file cannot be resumed.
    @discardableResult
    public func run(stop: StopFlag? = nil) throws(TransferError) -> DeliveredFile {
        let description = "copying s3://\(bucket)/\(key) to \(destination.username)@\(destination.host):\(path)"
        return try TransferError.context(description) {
            let head = try s3.headObject(bucket: bucket, key: key)
            return try sessions.withSession(destination) { sftp in
                try createParentDirectory(in: sftp)
                do {
                    try download(head, into: sftp, stop: stop, description: description)
                    try sftp.rename(temporaryPath, to: path, ifDestinationExists: .replace)
                } catch {
                    removeTemporaryFile(in: sftp)
                    throw error
                }
                return DeliveredFile(
                    path: path, size: head.contentLength, sourceETag: head.eTag, publishedSize: try sftp.stat(path).size)
            }
        }
    }

    /// Streams the object (the version `head` describes: `If-Match` on its ETag) into the
    /// temporary file, receiving the next bytes while the partner takes the last ones, and checks
    /// what the partner stored.
    private func download(_ head: ObjectHead, into sftp: SFTPSession, stop: StopFlag?, description: String) throws {
        let ranges = parallelUpload.ranges(size: head.contentLength)
        if ranges.count > 1 {
            do {
                try downloadInRanges(ranges, of: head, into: sftp, stop: stop, description: description)
            } catch let error as SFTPError where error.code == .channelRefused {
                // The partner allows fewer channels per connection than configured: start again
                // over the session's own channel (it truncates what the ranges wrote).
                try downloadInOrder(head, into: sftp, stop: stop, description: description)
            }
        } else {
            try downloadInOrder(head, into: sftp, stop: stop, description: description)
        }
        let stored = try sftp.stat(temporaryPath).size
        guard stored == UInt64(head.contentLength) else {
            throw TransferError(
                kind: .transient,
                message: "\(temporaryPath) holds \(stored.map(String.init) ?? "an unknown number of") bytes "
                    + "after writing \(head.contentLength)")
        }
    }

    /// One ranged download per range, each written over a channel of its own.
    private func downloadInRanges(
        _ ranges: [ClosedRange<Int64>], of head: ObjectHead, into sftp: SFTPSession, stop: StopFlag?, description: String
    ) throws {
        try sftp.withFile(temporaryPath, mode: .write) { _ in }
        let feeds = ranges.map { range in
            S3RangeFeed(s3: s3, bucket: bucket, key: key, eTag: head.eTag, range: range, bufferSize: Self.rangeBufferSize)
        }
        defer { feeds.forEach { $0.finish() } }
        try sftp.writeRanges(temporaryPath, feeds.map { $0.sftpRange(stop: stop, description: description) })
    }

    /// One download written in order over the session's own channel.
    private func downloadInOrder(_ head: ObjectHead, into sftp: SFTPSession, stop: StopFlag?, description: String) throws {
        try sftp.withFile(temporaryPath, mode: .write) { file in
            let (s3, bucket, key) = (s3, bucket, key)
            let written = try OverlappedDownload.run(
                download: { sink in try s3.getObject(bucket: bucket, key: key, range: nil, ifMatch: head.eTag, into: sink) },
                write: { buffer, offset in
                    if let stop, stop.isRequested { throw TransferError.stopped("\(description), at byte \(offset)") }
                    try buffer.withUnsafeBytes { try file.write($0) }
                })
            guard written == head.contentLength else {
                throw TransferError(
                    kind: .transient,
                    message: "s3://\(bucket)/\(key) has \(head.contentLength) bytes but \(written) arrived")
            }
        }
    }

    /// Removes the temporary file after a failure, over a fresh channel when a failed write left
    /// the session's own unusable; a dropped connection leaves it for the retry.
    private func removeTemporaryFile(in sftp: SFTPSession) {
        if sftp.isUnusable {
            try? SFTPSession(ssh: sftp.ssh).removeFile(temporaryPath)
        } else {
            try? sftp.removeFile(temporaryPath)
        }
    }

    private func createParentDirectory(in sftp: SFTPSession) throws {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        try sftp.createDirectory(String(path[..<slash]), intermediates: true)
    }
}

/// A file published on a partner's SFTP server.
public struct DeliveredFile: Sendable, Hashable {
    public var path: String
    /// The S3 object's size: the bytes written.
    public var size: Int64
    /// The ETag of the S3 object it was copied from.
    public var sourceETag: String?
    /// What the partner answered for `path` after the rename, over the session that wrote it (nil
    /// when it gives no size): what a reader of the final name sees, checked without a second login.
    public var publishedSize: UInt64?

    public init(path: String, size: Int64, sourceETag: String?, publishedSize: UInt64?) {
        self.path = path
        self.size = size
        self.sourceETag = sourceETag
        self.publishedSize = publishedSize
    }
}
