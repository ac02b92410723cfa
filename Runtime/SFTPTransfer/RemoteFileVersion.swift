/// One version of a file in a partner's directory: the same path with another size or
/// modification time is another version, to be taken again.
public struct RemoteFileVersion: Sendable, Hashable {
    public var path: String
    public var size: UInt64
    /// Seconds since 1970, as the server reports it.
    public var modificationTime: Int64

    public init(path: String, size: UInt64, modificationTime: Int64) {
        self.path = path
        self.size = size
        self.modificationTime = modificationTime
    }

    /// `path|size|mtime`: the identity the seen-store records.
    public var identity: String { "\(path)|\(size)|\(modificationTime)" }
}
