import Glibc
import SFTP
import SSHPeer
import Sockets
import Testing

@Suite("Connecting to a real sshd", .serialized)
struct ConnectionTests {
    @Test("connects, checks the host key and logs in with an ed25519 key from memory")
    func connect() throws {
        try withSSHServer { server in
            let attributes = try withSFTPSession(server.configuration()) { sftp in
                try sftp.stat(server.dataDirectory)
            }
            #expect(attributes.isDirectory)
        }
    }

    @Test("a host key other than the configured one is refused, naming both fingerprints")
    func wrongHostKey() throws {
        try withSSHServer { server in
            let wrong = "SHA256:" + String(repeating: "A", count: 43)
            let error = try #require(throws: SFTPError.self) {
                try withSFTPSession(server.configuration(fingerprint: wrong)) { _ in }
            }
            #expect(error.code == .hostKeyMismatch)
            #expect(error.description.contains(wrong))
            #expect(error.description.contains(server.hostKey.fingerprint))
            #expect(error.target == "\(server.username)@127.0.0.1:\(server.port)")
        }
    }

    @Test("a wrong password is an authentication error")
    func wrongPassword() throws {
        try withSSHServer { server in
            let error = try #require(throws: SFTPError.self) {
                try withSFTPSession(server.configuration(authentication: .password("not-the-password"))) { _ in }
            }
            #expect(error.code == .authentication)
            #expect(!error.description.contains("not-the-password"))
        }
    }

    @Test("a key the server does not know is an authentication error")
    func unknownKey() throws {
        try withSSHServer { server in
            let stranger = try KeyPair.generate(in: server.directory, name: "stranger", type: "ed25519")
            let error = try #require(throws: SFTPError.self) {
                try withSFTPSession(server.configuration(authentication: .privateKey(stranger.privateKey))) { _ in }
            }
            #expect(error.code == .authentication)
        }
    }

    @Test("a partner that accepts TCP but never speaks SSH fails the handshake within the timeout")
    func handshakeTimeout() throws {
        let listener = try TCPListener()
        defer { withExtendedLifetime(listener) {} }
        let configuration = SSHConfiguration(
            host: "127.0.0.1", port: listener.port, username: "nobody", hostKeyFingerprint: "SHA256:x",
            authentication: .password("x"), timeout: .milliseconds(800))
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(throws: SFTPError.self) {
            try withSFTPSession(configuration) { _ in }
        }
        let elapsed = clock.now - started
        #expect(error.code == .timeout)
        #expect(error.operation == "handshake")
        #expect(error.target == "nobody@127.0.0.1:\(listener.port)")
        #expect(elapsed >= .milliseconds(700))
        #expect(elapsed < .seconds(3))
    }

    @Test("host names resolve through getaddrinfo")
    func hostName() throws {
        try withSSHServer { server in
            var configuration = server.configuration()
            configuration.host = "localhost"
            // localhost may resolve to ::1 first; the listener is IPv4 only, so this also
            // shows the fallback to the next address.
            try withSFTPSession(configuration) { sftp in
                _ = try sftp.stat(server.dataDirectory)
            }
        }
    }

    @Test("an unknown host name is a resolve error")
    func unknownHost() throws {
        var configuration = SSHConfiguration(
            host: "no-such-host.invalid", username: "x", hostKeyFingerprint: "SHA256:x", authentication: .password("x"))
        configuration.timeout = .seconds(5)
        let error = try #require(throws: SFTPError.self) { try withSFTPSession(configuration) { _ in } }
        #expect(error.code == .resolve)
    }
}
