#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A connected, non-blocking TCP socket; closes its descriptor in `deinit`.
final class TCPSocket {
    let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Resolves `host` with `getaddrinfo` and connects to the first address that answers, all
    /// within `timeout`.
    ///
    /// - Parameters:
    ///   - endpoint: names the target in errors (`user@host:port`).
    static func connect(host: String, port: UInt16, timeout: Duration, endpoint: String) throws -> TCPSocket {
        let deadline = Deadline(after: timeout)
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            let reason = status == 0 ? "no addresses" : String(cString: gai_strerror(status))
            throw SFTPError(code: .resolve, operation: "resolve", target: endpoint, message: "cannot resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(list) }

        var lastError = "no usable address"
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard fd >= 0 else {
                lastError = "socket: \(String(cString: strerror(errno)))"
                continue
            }
            let socket = TCPSocket(descriptor: fd)
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                socket.setNoDelay()
                return socket
            }
            guard errno == EINPROGRESS else {
                lastError = String(cString: strerror(errno))
                continue
            }
            var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&pollfd, 1, deadline.remainingMilliseconds)
            if ready == 0 {
                throw SFTPError(
                    code: .timeout, operation: "connect", target: endpoint,
                    message: "TCP connect did not complete within \(timeout)")
            }
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length)
            if ready > 0 && socketError == 0 {
                socket.setNoDelay()
                return socket
            }
            lastError = String(cString: strerror(socketError != 0 ? socketError : errno))
        }
        throw SFTPError(code: .connect, operation: "connect", target: endpoint, message: "cannot connect: \(lastError)")
    }

    /// SSH sends many small packets (SFTP requests, window adjusts); Nagle would delay them.
    private func setNoDelay() {
        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }
}
