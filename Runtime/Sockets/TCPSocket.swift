#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A connected TCP socket that owns its descriptor and closes it in `deinit`: the one place a
/// client socket is opened, for the HTTP transport's plain connections and for SSH.
public final class TCPSocket {
    public let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Resolves `host` and connects to the first of its addresses that answers, all within `timeout`.
    public static func connect(host: String, port: Int, timeout: Duration) throws(SocketError) -> TCPSocket {
        try connect(to: SocketAddress.resolve(host: host, port: port), timeout: timeout, naming: "\(host):\(port)")
    }

    /// Connects to the first address that answers before the deadline. The socket is returned
    /// non-blocking, with Nagle's algorithm off (requests are small and must not wait).
    ///
    /// - Parameter peer: names the peer in errors, e.g. `host:port`.
    public static func connect(to addresses: [SocketAddress], timeout: Duration, naming peer: String) throws(SocketError) -> TCPSocket {
        let deadline = Deadline(after: timeout)
        var lastError = "no usable address"
        for address in addresses {
            let flags = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
            let fd = socket(address.family, flags, 0)
            guard fd >= 0 else {
                lastError = "socket: \(String(cString: strerror(errno)))"
                continue
            }
            let socket = TCPSocket(descriptor: fd)
            let started = address.withSockaddr { Glibc.connect(fd, $0, $1) } == 0
            guard started || errno == EINPROGRESS else {
                lastError = String(cString: strerror(errno))
                continue
            }
            if !started {
                var waiter = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&waiter, 1, deadline.remainingMilliseconds)
                guard ready != 0 else { throw SocketError(.timeout, "connecting to \(peer) did not complete within \(timeout)") }
                var socketError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length)
                guard ready > 0, socketError == 0 else {
                    lastError = String(cString: strerror(socketError != 0 ? socketError : errno))
                    continue
                }
            }
            socket.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            return socket
        }
        throw SocketError(.connect, "cannot connect to \(peer): \(lastError)")
    }

    /// Makes sends and receives block, each giving up after `idleTimeout` without progress (nil:
    /// no limit), so one system call does each and a silent peer still ends the wait.
    public func makeBlocking(idleTimeout: Duration?) {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags & ~Int32(O_NONBLOCK))
        var limit = timeval()
        if let idleTimeout {
            let (seconds, attoseconds) = idleTimeout.components
            limit = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        }
        for option in [SO_SNDTIMEO, SO_RCVTIMEO] {
            setsockopt(descriptor, SOL_SOCKET, option, &limit, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    private func setOption(_ level: Int32, _ option: Int32, _ value: Int32) {
        var value = value
        setsockopt(descriptor, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
    }
}
