#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A TCP socket bound to 127.0.0.1 on a port the system chose, for the test and benchmark peers;
/// it owns its descriptor and closes it in `deinit`, so a thread blocked in `accept` keeps it
/// open for as long as it holds the listener.
public final class TCPListener: Sendable {
    public let descriptor: Int32
    public let port: UInt16

    /// - Parameter backlog: connections the kernel completes before they are accepted; nil binds
    ///   without listening, which holds the port while every connect to it is refused.
    public init(backlog: Int32? = 64) throws(SocketError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError(.listen, "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && (backlog.map { listen(fd, $0) == 0 } ?? true) && getsockname(fd, $0, &length) == 0
            }
        }
        guard ready else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw SocketError(.listen, "cannot listen on 127.0.0.1: \(reason)")
        }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        close(descriptor)
    }

    /// The next connection's descriptor, which the caller closes; nil once the listener is shut down.
    public func accept() -> Int32? {
        let client = Glibc.accept(descriptor, nil, nil)
        return client >= 0 ? client : nil
    }

    /// Wakes a thread blocked in `accept`, which then returns nil.
    public func shutdown() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }
}
