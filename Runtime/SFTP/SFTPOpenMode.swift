internal import CLibSSH2

/// How `SFTPSession.openFile` opens a remote file.
public enum SFTPOpenMode: Sendable {
    /// Read an existing file.
    case read
    /// Write, creating the file or truncating an existing one.
    case write
    /// Write a new file; fails if the path exists.
    case createNew
    /// Write at the end, creating the file if needed.
    case append
    /// Write anywhere in the file without truncating it, creating it if needed: for writing one
    /// file in ranges from several handles (`SFTPSession.writeRanges`).
    case update

    var flags: UInt {
        switch self {
        case .read: UInt(LIBSSH2_FXF_READ)
        case .write: UInt(LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_TRUNC)
        case .createNew: UInt(LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_EXCL)
        case .append: UInt(LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_APPEND)
        case .update: UInt(LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT)
        }
    }
}
