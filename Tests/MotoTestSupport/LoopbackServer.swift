import Foundation
import Glibc
import Synchronization

/// A TCP listener on 127.0.0.1 with an OS-chosen port, serving one connection at a time on its
/// own thread with a handler the test supplies (the fault proxy, a credentials endpoint).
public final class LoopbackServer: Sendable {
    public let port: UInt16
    private let listener: Int32
    private let stopped = Mutex(false)

    /// Starts listening; `handler` gets each accepted socket and must not close it.
    public init(handler: @escaping @Sendable (Int32) -> Void) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXFailure("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXFailure("bind/listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = fd
        Thread.detachNewThread { [listener] in
            // The thread closes the listener itself: were `stop()` to close it, the descriptor
            // number could go to another test's new listener while this thread still accepts on it.
            defer { close(listener) }
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                handler(client)
                close(client)
            }
        }
    }

    /// Stops accepting; `shutdown` wakes the thread blocked in `accept`, which then closes the listener.
    public func stop() {
        let wasStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// Runs `body` with a server and always stops it afterwards.
    public static func with<R>(handler: @escaping @Sendable (Int32) -> Void, _ body: (LoopbackServer) throws -> R) throws -> R {
        let server = try LoopbackServer(handler: handler)
        defer { server.stop() }
        return try body(server)
    }

    /// A port that was free a moment ago (for servers that must be told their port).
    public static func freePort() throws -> UInt16 {
        let server = try LoopbackServer { _ in }
        defer { server.stop() }
        return server.port
    }
}

public struct POSIXFailure: Error, CustomStringConvertible {
    public let call: String
    public let code = errno

    public init(_ call: String) {
        self.call = call
    }

    public var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
}
