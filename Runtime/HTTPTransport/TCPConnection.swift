#if canImport(Glibc)
import Glibc
#endif
import Sockets

/// A plain TCP connection on a blocking ``TCPSocket``, for `http://` peers.
///
/// For a server that closes after every response (moto, most local emulators) a new connection per
/// request is the norm, and libcurl's connect path (URL parsing, connection cache, a poll loop)
/// costs more CPU than the TCP handshake itself. Blocking calls with `SO_SNDTIMEO`/`SO_RCVTIMEO`
/// take one system call per send or receive and still give up on a silent peer. The address is
/// resolved once and kept for reconnects; a failed connect resolves again.
public final class TCPConnection: StreamConnection {
    public let host: String
    public let port: Int
    private let connectTimeout: Duration
    private let idleTimeout: Duration?
    private var addresses: [SocketAddress] = []
    private var socket: TCPSocket?

    public var isConnected: Bool { socket != nil }

    /// - Parameters:
    ///   - host: a name or an IP address (IPv6 with or without brackets).
    ///   - options: `connectTimeoutMilliseconds` bounds the handshake; `lowSpeedSeconds` (when the
    ///     low-speed rule is on) bounds each wait for the peer to take or send bytes.
    public init(host: String, port: Int, options: TransportOptions = TransportOptions()) {
        self.host = host
        self.port = port
        connectTimeout = .milliseconds(options.connectTimeoutMilliseconds)
        idleTimeout = options.lowSpeedBytesPerSecond > 0 ? .seconds(options.lowSpeedSeconds) : nil
    }

    public func connect() throws(TransportError) {
        drop()
        do throws(SocketError) {
            if addresses.isEmpty { addresses = try SocketAddress.resolve(host: host, port: port) }
            let connected = try TCPSocket.connect(to: addresses, timeout: connectTimeout, naming: "\(host):\(port)")
            connected.makeBlocking(idleTimeout: idleTimeout)
            socket = connected
        } catch {
            addresses = []
            let kind: TransportError.Kind =
                switch error.kind {
                case .resolve: .couldNotResolve
                case .timeout: .timedOut
                case .connect, .listen: .couldNotConnect
                }
            throw TransportError(kind, error.message)
        }
    }

    public func drop() {
        socket = nil
    }

    public func send(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        guard let base = bytes.baseAddress, let descriptor = socket?.descriptor else { return }
        var offset = 0
        while offset < bytes.count {
            let sent = Glibc.send(descriptor, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if sent >= 0 {
                offset += sent
            } else if errno != EINTR {
                throw failure(errno == EAGAIN ? .timedOut : .sendFailed, "sending to")
            }
        }
    }

    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        guard let descriptor = socket?.descriptor else { return 0 }
        while true {
            let received = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if received > 0 { return received }
            if received == 0 {
                drop()
                return 0
            }
            if errno != EINTR {
                throw failure(errno == EAGAIN ? .timedOut : .receiveFailed, "receiving from")
            }
        }
    }

    /// Closes the socket and describes what failed; the connection cannot be used after an error.
    private func failure(_ kind: TransportError.Kind, _ action: String) -> TransportError {
        let reason = String(cString: strerror(errno))
        drop()
        return TransportError(kind, "\(action) \(host):\(port) failed: \(reason)")
    }
}
