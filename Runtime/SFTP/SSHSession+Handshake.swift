internal import CLibSSH2

extension SSHSession {
    /// Orders the ciphers and MACs offered in both directions (before the handshake).
    func preferAlgorithms() throws {
        let preferences = [
            (LIBSSH2_METHOD_CRYPT_CS, configuration.algorithms.ciphers), (LIBSSH2_METHOD_CRYPT_SC, configuration.algorithms.ciphers),
            (LIBSSH2_METHOD_MAC_CS, configuration.algorithms.macs), (LIBSSH2_METHOD_MAC_SC, configuration.algorithms.macs),
        ]
        for (method, names) in preferences {
            let list = names.joined(separator: ",")
            let rc = libssh2_session_method_pref(raw, method, list)
            if rc != 0 {
                throw SFTPError(
                    code: .handshake, operation: "algorithm preferences", target: configuration.endpoint,
                    message: "libssh2 supports none of \(list)", libssh2Error: rc)
            }
        }
    }

    /// Banner exchange and key exchange.
    func handshake(socket: Int32) throws {
        let rc = try retrying("handshake") { libssh2_session_handshake(raw, socket) }
        if rc != 0 { throw failure(.handshake, "handshake", rc: rc) }
    }

    /// Compares the server's SHA-256 host key hash with the configured fingerprint.
    func verifyHostKey() throws {
        guard let hash = libssh2_hostkey_hash(raw, LIBSSH2_HOSTKEY_HASH_SHA256) else {
            throw SFTPError(
                code: .hostKeyMismatch, operation: "host key check", target: configuration.endpoint,
                message: "libssh2 gave no SHA-256 host key hash")
        }
        let digest = (0..<32).map { UInt8(bitPattern: hash[$0]) }
        let presented = HostKeyFingerprint.format(sha256: digest)
        let expected = HostKeyFingerprint.normalize(configuration.hostKeyFingerprint)
        guard presented == expected else {
            throw SFTPError(
                code: .hostKeyMismatch, operation: "host key check", target: configuration.endpoint,
                message: "host key fingerprint mismatch: expected \(expected), server presented \(presented)")
        }
    }

    /// Logs in with the configured key or password.
    func authenticate() throws {
        let username = configuration.username
        let userLength = username.utf8.count
        let rc: Int32
        switch configuration.authentication {
        case .privateKey(let key, let passphrase):
            rc = try retrying("authentication (public key)") {
                libssh2_userauth_publickey_frommemory(
                    raw, username, userLength, nil, 0, key, key.utf8.count, passphrase)
            }
        case .password(let password):
            rc = try retrying("authentication (password)") {
                libssh2_userauth_password_ex(
                    raw, username, UInt32(userLength), password, UInt32(password.utf8.count), nil)
            }
        }
        if rc != 0 {
            throw failure(.authentication, "authentication (\(configuration.authentication))", rc: rc)
        }
    }
}
