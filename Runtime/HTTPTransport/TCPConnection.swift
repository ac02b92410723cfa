#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection on a blocking socket, for `http://` peers.
///
/// For a server that closes after every response (moto, most local emulators) a new connection per
/// request is the norm, and libcurl's connect path (URL parsing, connection cache, a poll loop)
/// costs more CPU than the TCP handshake itself. Blocking calls with `SO_SNDTIMEO`/`SO_RCVTIMEO`
/// take one system call per send or receive and still give up on a silent peer. The address is
/// resolved once and kept for reconnects; a failed connect resolves again.
public final class TCPConnection: StreamConnection {
    public let host: String
    public let port: Int
    private let connectTimeout: timeval
    private let idleTimeout: timeval
    private var addresses: [SocketAddress] = []
    private var socketDescriptor: Int32 = -1

    public var isConnected: Bool { socketDescriptor >= 0 }

    /// - Parameters:
    ///   - host: a name or an IP address (IPv6 with or without brackets).
    ///   - options: `connectTimeoutMilliseconds` bounds the handshake; `lowSpeedSeconds` (when the
    ///     low-speed rule is on) bounds each wait for the peer to take or send bytes.
    public init(host: String, port: Int, options: TransportOptions = TransportOptions()) {
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        connectTimeout = Self.interval(milliseconds: options.connectTimeoutMilliseconds)
        idleTimeout = options.lowSpeedBytesPerSecond > 0 ? Self.interval(milliseconds: options.lowSpeedSeconds * 1000) : timeval()
    }

    deinit {
        if socketDescriptor >= 0 { close(socketDescriptor) }
    }

    public func connect() throws(TransportError) {
        drop()
        if addresses.isEmpty { addresses = try resolve() }
        var lastErrno: Int32 = 0
        for address in addresses {
            let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else {
                lastErrno = errno
                continue
            }
            var noDelay: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            setTimeout(descriptor, SO_SNDTIMEO, connectTimeout)
            if address.connect(descriptor) {
                setTimeout(descriptor, SO_SNDTIMEO, idleTimeout)
                setTimeout(descriptor, SO_RCVTIMEO, idleTimeout)
                socketDescriptor = descriptor
                return
            }
            lastErrno = errno
            close(descriptor)
        }
        addresses = []
        let timedOut = lastErrno == EINPROGRESS || lastErrno == EAGAIN
        throw TransportError(
            timedOut ? .timedOut : .couldNotConnect, "connecting to \(host):\(port) failed: \(String(cString: strerror(lastErrno)))")
    }

    public func drop() {
        guard socketDescriptor >= 0 else { return }
        close(socketDescriptor)
        socketDescriptor = -1
    }

    public func send(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let sent = Glibc.send(socketDescriptor, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if sent >= 0 {
                offset += sent
            } else if errno != EINTR {
                throw failure(errno == EAGAIN ? .timedOut : .sendFailed, "sending to")
            }
        }
    }

    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        while true {
            let received = recv(socketDescriptor, buffer.baseAddress, buffer.count, 0)
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

    private func resolve() throws(TransportError) -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        guard status == 0 else {
            throw TransportError(.couldNotResolve, "resolving \(host) failed: \(String(cString: gai_strerror(status)))")
        }
        var found: [SocketAddress] = []
        var entry = list
        while let current = entry {
            if let address = current.pointee.ai_addr {
                found.append(SocketAddress(family: current.pointee.ai_family, address: address, length: current.pointee.ai_addrlen))
            }
            entry = current.pointee.ai_next
        }
        return found
    }

    private func setTimeout(_ descriptor: Int32, _ option: Int32, _ value: timeval) {
        var value = value
        setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private static func interval(milliseconds: Int) -> timeval {
        timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
    }
}

/// One resolved address, copied out of `getaddrinfo`'s list so it outlives it.
private struct SocketAddress {
    let family: Int32
    private let storage: [UInt8]

    init(family: Int32, address: UnsafeMutablePointer<sockaddr>, length: socklen_t) {
        self.family = family
        storage = Array(UnsafeRawBufferPointer(start: address, count: Int(length)))
    }

    /// A blocking connect; false with `errno` set when it failed or timed out.
    func connect(_ descriptor: Int32) -> Bool {
        storage.withUnsafeBytes { bytes in
            Glibc.connect(descriptor, bytes.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(bytes.count)) == 0
        }
    }
}
