/// The ciphers and MACs to offer, most wanted first. The server picks the first of ours it
/// supports, so a list only orders the choice: a partner that allows fewer still connects.
///
/// Names libssh2 does not know are dropped when the preference is set (Debian's libssh2 1.10 has
/// CTR and CBC ciphers only; the GCM ones listed first take effect with libssh2 1.11).
public struct SSHAlgorithms: Sendable, Hashable {
    public var ciphers: [String]
    public var macs: [String]

    public init(ciphers: [String], macs: [String]) {
        self.ciphers = ciphers
        self.macs = macs
    }

    /// Chosen by measurement on one SSH connection over loopback against OpenSSH 9.2 (2 GiB, see
    /// `sftp-bench --ciphers/--macs`): AES-128 costs both ends less than AES-256 for the same
    /// strength against any practical attack, and on CPUs with SHA extensions HMAC-SHA1 and
    /// HMAC-SHA2-256 cost about the same.
    public static let fastest = SSHAlgorithms(
        ciphers: ["aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr"],
        macs: ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1"])
}
