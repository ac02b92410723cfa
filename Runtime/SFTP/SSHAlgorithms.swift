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

    /// Chosen by measurement over loopback against OpenSSH 9.2 on a 2-core machine (1 GiB, our
    /// client via `sftp-bench --read-only --ciphers --macs`, OpenSSH's via `sftp -c -o MACs`):
    /// with libssh2 1.10 the choice hardly moves our client (aes256-ctr/hmac-sha2-256 160–189 MB/s,
    /// aes128-ctr/hmac-sha2-256 189–191, aes128-ctr/hmac-sha1 172–188), whose cost is libssh2's
    /// one cipher call per 16-byte block; it moves the server's side (OpenSSH's own client:
    /// 248 MB/s with aes256-ctr, 257 with aes128-ctr, 306 with aes128-gcm). So AES-128 first, GCM
    /// first of all for when libssh2 1.11 offers it, and SHA-2 MACs before SHA-1.
    public static let fastest = SSHAlgorithms(
        ciphers: ["aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr"],
        macs: ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1"])
}
