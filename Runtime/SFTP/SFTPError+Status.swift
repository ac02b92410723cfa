internal import CLibSSH2

extension SFTPError.Code {
    /// The code for an SFTP status the server answered (`LIBSSH2_FX_*`).
    init(sftpStatus status: UInt) {
        self = switch status {
        case LIBSSH2_FX_NO_SUCH_FILE, LIBSSH2_FX_NO_SUCH_PATH: .noSuchFile
        case LIBSSH2_FX_PERMISSION_DENIED: .permissionDenied
        case LIBSSH2_FX_FILE_ALREADY_EXISTS: .alreadyExists
        default: .sftp
        }
    }
}
