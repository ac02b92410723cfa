import Foundation
import Glibc
import Sockets
import Synchronization

/// A TCP listener on 127.0.0.1 with an OS-chosen port, serving connections with a handler the
/// test supplies (the fault proxy, a credentials endpoint): one at a time on its own thread, or
/// each on a thread of its own.
public final class LoopbackServer: Sendable {
    public let port: UInt16
    private let listener: TCPListener
    private let stopped = Mutex(false)

    /// Starts listening; `handler` gets each accepted socket and must not close it.
    /// - Parameter concurrent: serve each connection on a thread of its own, so that one slow
    ///   request (a long poll) does not hold up the others.
    public init(concurrent: Bool = false, handler: @escaping @Sendable (Int32) -> Void) throws {
        listener = try TCPListener()
        port = listener.port
        Thread.detachNewThread { [listener] in
            // The thread holds the listener, so its descriptor stays open (and its number cannot go
            // to another test's new listener) until this thread stops accepting on it.
            while let client = listener.accept() {
                guard concurrent else {
                    handler(client)
                    close(client)
                    continue
                }
                Thread.detachNewThread {
                    handler(client)
                    close(client)
                }
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
        listener.shutdown()
    }

    /// Runs `body` with a server and always stops it afterwards.
    public static func with<R>(handler: @escaping @Sendable (Int32) -> Void, _ body: (LoopbackServer) throws -> R) throws -> R {
        let server = try LoopbackServer(handler: handler)
        defer { server.stop() }
        return try body(server)
    }

    /// A port that was free a moment ago (for servers that must be told their port).
    public static func freePort() throws -> UInt16 {
        try TCPListener(backlog: nil).port
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
