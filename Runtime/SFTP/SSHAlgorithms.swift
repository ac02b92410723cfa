/// The ciphers and MACs to offer, most wanted first. The server picks the first of ours it
/// supports, so a list only orders the choice: a partner that allows fewer still connects.
///
/// Names libssh2 does not know are dropped when the preference is set: Debian 12's libssh2 1.10
/// has CTR and CBC ciphers only; the GCM ones listed first take effect with the libssh2 1.11 the
/// packages bundle (scripts/build-libssh2.sh).
public struct SSHAlgorithms: Sendable, Hashable {
    public var ciphers: [String]
    public var macs: [String]

    public init(ciphers: [String], macs: [String]) {
        self.ciphers = ciphers
        self.macs = macs
    }

    /// Chosen by measurement over loopback against OpenSSH 9.2's sshd on a 2-core machine (256 MiB,
    /// client CPU per GB, a C client reading and writing with our buffer sizes). On the packages'
    /// libssh2 1.11.1 with its bulk-cipher patch: aes128-gcm 0.67–0.86 s read, 0.71–0.82 s write;
    /// aes256-gcm 0.75 s read; aes128-ctr/hmac-sha2-256 1.38–1.45 s read, 1.23–1.27 s write;
    /// chacha20-poly1305 2.2 s (its own code path, which the patch leaves alone); OpenSSH's `sftp`
    /// 1.5–1.8 s. On Debian's 1.10 (one OpenSSL call per 16-byte block) aes128-ctr costs 2.1–2.4 s
    /// whatever the MAC. So GCM first, AES-128 before AES-256, CTR with SHA-2 MACs after, and no
    /// ChaCha20.
    public static let fastest = SSHAlgorithms(
        ciphers: ["aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr"],
        macs: ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1"])
}
