/// One name in a directory listing, with the attributes the server sent along.
public struct SFTPDirectoryEntry: Sendable, Equatable {
    /// The file name only, not the full path.
    public var name: String
    public var attributes: SFTPAttributes
}
