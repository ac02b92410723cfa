internal import CLibSSH2

/// What `stat` reports about a remote path. Fields the server did not send are nil.
public struct SFTPAttributes: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case file
        case directory
        case symbolicLink
        case other
    }

    public var kind: Kind
    public var size: UInt64?
    /// The permission bits (`0o644`), without the file type bits.
    public var permissions: UInt32?
    public var userID: UInt32?
    public var groupID: UInt32?
    /// Seconds since 1970.
    public var modificationTime: Int64?
    public var accessTime: Int64?

    public var isDirectory: Bool { kind == .directory }

    init(_ raw: LIBSSH2_SFTP_ATTRIBUTES) {
        let flags = raw.flags
        size = flags & UInt(LIBSSH2_SFTP_ATTR_SIZE) != 0 ? raw.filesize : nil
        if flags & UInt(LIBSSH2_SFTP_ATTR_UIDGID) != 0 {
            userID = UInt32(truncatingIfNeeded: raw.uid)
            groupID = UInt32(truncatingIfNeeded: raw.gid)
        }
        if flags & UInt(LIBSSH2_SFTP_ATTR_ACMODTIME) != 0 {
            modificationTime = Int64(truncatingIfNeeded: raw.mtime)
            accessTime = Int64(truncatingIfNeeded: raw.atime)
        }
        if flags & UInt(LIBSSH2_SFTP_ATTR_PERMISSIONS) != 0 {
            let mode = UInt32(truncatingIfNeeded: raw.permissions)
            permissions = mode & 0o7777
            kind = switch UInt(mode) & UInt(LIBSSH2_SFTP_S_IFMT) {
            case UInt(LIBSSH2_SFTP_S_IFREG): .file
            case UInt(LIBSSH2_SFTP_S_IFDIR): .directory
            case UInt(LIBSSH2_SFTP_S_IFLNK): .symbolicLink
            default: .other
            }
        } else {
            kind = .other
        }
    }
}
