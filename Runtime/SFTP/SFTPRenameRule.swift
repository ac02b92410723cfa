/// What `SFTPSession.rename` does when the destination exists.
///
/// SFTP v3, which libssh2 1.10 speaks, has no overwrite flag, and OpenSSH's server renames with
/// `link()` + `unlink()`, so a plain rename onto an existing file fails there but may replace it
/// on other servers. The rule makes the outcome the same everywhere.
public enum SFTPRenameRule: Sendable {
    /// Fail with `SFTPError.Code.alreadyExists` when the destination exists (checked with `stat`
    /// before renaming, so other servers do not silently replace it).
    case failIfExists
    /// Replace an existing destination file.
    ///
    /// Atomic where the server announces `posix-rename@openssh.com` (OpenSSH does): the request,
    /// which libssh2 1.10 cannot send, goes over a second SFTP channel of ours (see
    /// `OpenSSHExtensionChannel`), and readers see the old file or the new one, never none.
    /// Elsewhere (OpenSSH 9.2 with `sftp-server -P posix-rename` does not announce it), and
    /// where a server announces the extension but refuses the request (older OpenSSH with that
    /// option), after the plain rename fails the destination is removed and the rename
    /// repeated: not atomic, readers may briefly find no file there, never a partial one. A
    /// destination directory is never replaced (`.alreadyExists`).
    case replace
}
