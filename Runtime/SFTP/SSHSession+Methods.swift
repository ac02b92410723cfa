internal import CLibSSH2

extension SSHSession {
    /// The libssh2 this process loaded, e.g. "1.11.1" (the packages bundle their own build:
    /// scripts/build-libssh2.sh), which decides the ciphers on offer and their cost.
    public static var libraryVersion: String { String(cString: libssh2_version(0)) }

    /// The cipher the server chose for what it sends us (e.g. "aes128-gcm@openssh.com").
    public var receivingCipher: String? {
        libssh2_session_methods(raw, LIBSSH2_METHOD_CRYPT_SC).map { String(cString: $0) }
    }
}
