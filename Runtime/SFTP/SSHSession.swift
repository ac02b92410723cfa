internal import CLibSSH2
import Sockets

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// libssh2's global state, set up once before the first session (`libssh2_init` is not thread-safe;
/// a global `let` is initialised exactly once).
private let libssh2Initialization: Int32 = libssh2_init(0)

/// An authenticated SSH connection: owns the TCP socket and the libssh2 session, and frees both
/// in `deinit`.
///
/// The session runs non-blocking: every libssh2 call that answers `LIBSSH2_ERROR_EAGAIN` is
/// retried after `poll` says the socket is ready, until `configuration.timeout` runs out. Not
/// thread-safe: use one session from one task at a time (libssh2 sessions are not shareable).
public final class SSHSession {
    public let configuration: SSHConfiguration
    let raw: OpaquePointer
    let socket: TCPSocket
    private var isConnected = true
    /// Set when an operation timed out: the protocol state is unknown, so later calls fail at
    /// once instead of waiting out the timeout again, and cleanup does not wait for the server.
    var isBroken = false

    /// Connects, checks the host key against `configuration.hostKeyFingerprint` and logs in.
    ///
    /// Throws `SFTPError` with code `.hostKeyMismatch` (naming both fingerprints) before any
    /// credential is sent when the server is not the one configured.
    public init(configuration: SSHConfiguration) throws {
        guard libssh2Initialization == 0 else {
            throw SFTPError(
                code: .ssh, operation: "libssh2_init", target: configuration.endpoint,
                message: "libssh2 failed to initialise", libssh2Error: libssh2Initialization)
        }
        self.configuration = configuration
        do {
            socket = try TCPSocket.connect(host: configuration.host, port: Int(configuration.port), timeout: configuration.timeout)
        } catch {
            let code: SFTPError.Code =
                switch error.kind {
                case .resolve: .resolve
                case .timeout: .timeout
                case .connect, .listen: .connect
                }
            throw SFTPError(code: code, operation: error.kind == .resolve ? "resolve" : "connect", target: configuration.endpoint, message: error.message)
        }
        guard let raw = swssh2_session_init() else {
            throw SFTPError(
                code: .ssh, operation: "session init", target: configuration.endpoint,
                message: "libssh2 could not allocate a session")
        }
        self.raw = raw
        libssh2_session_set_blocking(raw, 0)
        try preferAlgorithms()
        try handshake(socket: socket.descriptor)
        try verifyHostKey()
        try authenticate()
    }

    deinit {
        // Freeing may still need to talk to the server (closing channels); do it blocking but
        // bounded, since a deinit cannot poll on our deadline.
        libssh2_session_set_timeout(raw, isBroken ? 1 : 2_000)
        libssh2_session_set_blocking(raw, 1)
        if isConnected && !isBroken { _ = swssh2_session_disconnect(raw, "closing") }
        libssh2_session_free(raw)
    }

    /// Says goodbye to the server (SSH_MSG_DISCONNECT). Optional: `deinit` does it too, but here
    /// a failure is reported and the wait is bounded by the configured timeout.
    public func disconnect() throws {
        guard isConnected else { return }
        isConnected = false
        guard !isBroken else { return }
        _ = try retrying("disconnect") { swssh2_session_disconnect(raw, "closing") }
    }
}

@available(*, unavailable, message: "libssh2 sessions must not be used from two threads at once")
extension SSHSession: Sendable {}
