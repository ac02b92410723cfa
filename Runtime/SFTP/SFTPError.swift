/// A failed SSH or SFTP operation: what was attempted, on which host and path, why, and the codes
/// libssh2 and the server gave.
///
/// One type for the whole module keeps callers' handling uniform: branch on `code` for outcomes a
/// program reacts to (a missing file, a host key that changed, a timeout), log `description` for
/// the rest.
public struct SFTPError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        /// The host name did not resolve.
        case resolve
        /// No TCP connection could be made.
        case connect
        /// The SSH handshake (banner, key exchange) failed.
        case handshake
        /// The server presented a host key other than the configured one.
        case hostKeyMismatch
        /// The server refused the credentials, or the private key could not be used.
        case authentication
        /// The operation made no progress within the configured timeout.
        case timeout
        /// The SFTP server answered with a status other than OK (see `sftpStatus`).
        case sftp
        /// The path does not exist (SFTP status 2 or 10).
        case noSuchFile
        /// The server refused access (SFTP status 3).
        case permissionDenied
        /// A rename found its destination present and the rule said not to replace it.
        case alreadyExists
        /// The server refused to open another channel on the connection (sshd's `MaxSessions`
        /// bounds channels per connection, 10 by default).
        case channelRefused
        /// An SSH-level failure other than the above (socket error, protocol error).
        case ssh
        /// The file or session was used after it was closed.
        case closed
    }

    public var code: Code
    /// The operation, e.g. `handshake`, `open`, `rename`.
    public var operation: String
    /// What it was about: `user@host:port` plus the remote path when there is one.
    public var target: String
    public var message: String
    /// libssh2's error number (negative `LIBSSH2_ERROR_*`), when it gave one.
    public var libssh2Error: Int32?
    /// The SFTP status code (`LIBSSH2_FX_*`), when the server sent one.
    public var sftpStatus: UInt?

    public init(
        code: Code, operation: String, target: String, message: String, libssh2Error: Int32? = nil,
        sftpStatus: UInt? = nil
    ) {
        self.code = code
        self.operation = operation
        self.target = target
        self.message = message
        self.libssh2Error = libssh2Error
        self.sftpStatus = sftpStatus
    }

    public var description: String {
        var text = "SFTP \(operation) on \(target) failed (\(code.rawValue)): \(message)"
        if let sftpStatus { text += " [SFTP status \(sftpStatus) \(SFTPError.statusName(sftpStatus))]" }
        if let libssh2Error { text += " [libssh2 error \(libssh2Error)]" }
        if let advice { text += ". \(advice)" }
        return text
    }

    /// What to do about it, for the errors where that is clear.
    var advice: String? {
        switch code {
        case .hostKeyMismatch:
            "Check the server's key with `ssh-keyscan HOST | ssh-keygen -lf -` and update the configured fingerprint only if the change is expected"
        case .timeout: "The partner stalled or the network is down; retry later or raise the timeout"
        case .authentication: "Check the user name, the key (format and passphrase) and the server's authorized_keys"
        default: nil
        }
    }

    /// The name SFTP drafts give a status code, for messages.
    static func statusName(_ status: UInt) -> String {
        let names = [
            "OK", "EOF", "NO_SUCH_FILE", "PERMISSION_DENIED", "FAILURE", "BAD_MESSAGE", "NO_CONNECTION",
            "CONNECTION_LOST", "OP_UNSUPPORTED", "INVALID_HANDLE", "NO_SUCH_PATH", "FILE_ALREADY_EXISTS",
            "WRITE_PROTECT", "NO_MEDIA", "NO_SPACE_ON_FILESYSTEM", "QUOTA_EXCEEDED", "UNKNOWN_PRINCIPAL",
            "LOCK_CONFLICT", "DIR_NOT_EMPTY", "NOT_A_DIRECTORY", "INVALID_FILENAME", "LINK_LOOP",
        ]
        return status < UInt(names.count) ? names[Int(status)] : "UNKNOWN"
    }
}
