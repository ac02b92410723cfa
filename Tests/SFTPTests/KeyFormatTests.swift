import SFTP
import SSHPeer
import Testing

/// Which private keys libssh2 (OpenSSL backend) can log in with against OpenSSH 9.2: Debian's 1.10,
/// which `make test` runs on, or the packages' 1.11 (`make package-libssh2-check`).
///
/// libssh2 1.10 reads all of them, but signs with RSA only as `ssh-rsa` (SHA-1), which OpenSSH
/// refuses by default since 8.8; rsa-sha2-256/512 user auth arrives in libssh2 1.11. So with 1.10
/// RSA keys work only where the server sets `PubkeyAcceptedAlgorithms +ssh-rsa`.
@Suite("Private key formats", .serialized)
struct KeyFormatTests {
    struct Format: CustomTestStringConvertible, Sendable {
        var type: String
        var pem: Bool
        var passphrase: String
        var works: Bool
        /// sshd_config lines the format needs.
        var serverConfig = ""
        var testDescription: String {
            "\(type) \(pem ? "PEM" : "OpenSSH")\(passphrase.isEmpty ? "" : " with passphrase")"
                + (serverConfig.isEmpty ? "" : " (server: \(serverConfig))")
        }
    }

    static let legacyRSA = "PubkeyAcceptedAlgorithms +ssh-rsa"

    /// Whether the loaded libssh2 signs RSA logins with SHA-2 (1.11 and later).
    static let signsRSAWithSHA2 = SSHSession.libraryVersion.split(separator: ".").compactMap { Int($0) }
        .lexicographicallyPrecedes([1, 11]) == false

    static let formats: [Format] = [
        Format(type: "ed25519", pem: false, passphrase: "", works: true),
        Format(type: "ed25519", pem: false, passphrase: "secret", works: true),
        Format(type: "ecdsa", pem: false, passphrase: "", works: true),
        Format(type: "ecdsa", pem: true, passphrase: "", works: true),
        Format(type: "rsa", pem: false, passphrase: "", works: signsRSAWithSHA2),
        Format(type: "rsa", pem: true, passphrase: "", works: signsRSAWithSHA2),
        Format(type: "rsa", pem: false, passphrase: "", works: true, serverConfig: legacyRSA),
        Format(type: "rsa", pem: false, passphrase: "secret", works: true, serverConfig: legacyRSA),
        Format(type: "rsa", pem: true, passphrase: "", works: true, serverConfig: legacyRSA),
        Format(type: "rsa", pem: true, passphrase: "secret", works: true, serverConfig: legacyRSA),
    ]

    @Test("logs in with a key held in memory", arguments: formats)
    func login(format: Format) throws {
        try withSSHServer(extraConfig: format.serverConfig) { server in
            let key = try KeyPair.generate(
                in: server.directory, name: "key", type: format.type, pem: format.pem, passphrase: format.passphrase)
            try server.authorize(key)
            let passphrase = format.passphrase.isEmpty ? nil : format.passphrase
            let result = Result {
                try withSFTPSession(server.configuration(authentication: .privateKey(key.privateKey, passphrase: passphrase))) {
                    try $0.stat(server.dataDirectory)
                }
            }
            if format.works {
                #expect(throws: Never.self) { try result.get() }
            } else {
                let error = try #require(throws: SFTPError.self) { try result.get() }
                #expect(error.code == .authentication)
            }
        }
    }

    @Test("a wrong passphrase is an authentication error")
    func wrongPassphrase() throws {
        try withSSHServer { server in
            let key = try KeyPair.generate(in: server.directory, name: "key", type: "ed25519", passphrase: "secret")
            try server.authorize(key)
            let error = try #require(throws: SFTPError.self) {
                try withSFTPSession(server.configuration(authentication: .privateKey(key.privateKey, passphrase: "wrong"))) { _ in }
            }
            #expect(error.code == .authentication)
        }
    }
}
