import Foundation
import Glibc
import Sockets
import Synchronization

/// A TCP proxy on 127.0.0.1 that delays each direction by half of `roundTrip`, so a client
/// reaches a local sshd as if it were a partner on the internet (this machine's kernel has no
/// `netem`). User space, loopback only: it forwards to 127.0.0.1:`upstreamPort` and nowhere else.
///
/// Each connection gets two `DelayLine`s, each with a reading and a writing thread; every queue
/// is bounded (`bufferLimit` per direction), and `stop()` ends every connection, so nothing
/// outlives the benchmark or test that started it. Bandwidth is not limited: only latency.
public final class DelayingProxy: Sendable {
    public let port: UInt16
    public let roundTrip: Duration
    private let listener: TCPListener
    private let sockets = Mutex<Set<Int32>>([])
    private let stopped = Mutex(false)

    /// - Parameters:
    ///   - upstreamPort: the loopback port to forward to (sshd's).
    ///   - roundTrip: the round trip to add; each direction waits half of it.
    ///   - bufferLimit: the most bytes waiting in one direction of one connection.
    public init(upstreamPort: UInt16, roundTrip: Duration, bufferLimit: Int = 64 * 1024 * 1024) throws {
        listener = try TCPListener()
        port = listener.port
        self.roundTrip = roundTrip
        Thread.detachNewThread { [self, listener] in
            while let client = listener.accept() {
                serve(client, upstreamPort: upstreamPort, bufferLimit: bufferLimit)
            }
        }
    }

    /// Stops accepting and cuts every open connection (its threads then end by themselves).
    public func stop() {
        let wasStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        guard !wasStopped else { return }
        listener.shutdown()
        for socket in sockets.withLock({ $0 }) { _ = shutdown(socket, Int32(SHUT_RDWR)) }
    }

    /// Runs `body` with a proxy in front of `upstreamPort` and stops it afterwards.
    public static func with<R>(upstreamPort: UInt16, roundTrip: Duration, _ body: (DelayingProxy) throws -> R) throws -> R {
        let proxy = try DelayingProxy(upstreamPort: upstreamPort, roundTrip: roundTrip)
        defer { proxy.stop() }
        return try body(proxy)
    }

    private func serve(_ client: Int32, upstreamPort: UInt16, bufferLimit: Int) {
        guard let upstream = try? TCPSocket.connect(host: "127.0.0.1", port: Int(upstreamPort), timeout: .seconds(5)) else {
            close(client)
            return
        }
        upstream.makeBlocking(idleTimeout: nil)
        // Nagle's algorithm off on both legs (TCPSocket turns it off upstream): a link delays
        // every byte alike and holds none back for company.
        var noDelay: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        let server = dup(upstream.descriptor)
        let isStopped = stopped.withLock { value in
            if !value { sockets.withLock { $0.formUnion([client, server]) } }
            return value
        }
        guard !isStopped else {
            close(client)
            close(server)
            return
        }
        let connection = ProxiedConnection(sockets: [client, server]) { [self] in
            sockets.withLock { $0.subtract([client, server]) }
        }
        for (from, to) in [(client, server), (server, client)] {
            let line = DelayLine(delay: roundTrip / 2, limit: bufferLimit)
            Thread.detachNewThread {
                Self.read(from, into: line)
                connection.threadEnded()
            }
            Thread.detachNewThread {
                Self.write(line, to: to)
                connection.threadEnded()
            }
        }
    }

    /// Reads until the end of the stream (or an error), then ends the line.
    private static func read(_ socket: Int32, into line: DelayLine) {
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(socket, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0, line.push(Array(buffer[0..<count])) else { break }
        }
        line.end()
    }

    /// Writes each chunk when it is due; after the last, half-closes so the far side sees the end.
    private static func write(_ line: DelayLine, to socket: Int32) {
        while let chunk = line.pop() {
            var sent = 0
            while sent < chunk.count {
                let count = chunk.withUnsafeBytes { send(socket, $0.baseAddress! + sent, chunk.count - sent, Int32(MSG_NOSIGNAL)) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    line.end()
                    _ = shutdown(socket, Int32(SHUT_RDWR))
                    while line.pop() != nil {}
                    return
                }
                sent += count
            }
        }
        _ = shutdown(socket, Int32(SHUT_WR))
    }
}

/// The two sockets of one proxied connection, closed when the last of its four threads ends.
private final class ProxiedConnection: Sendable {
    private let sockets: [Int32]
    private let threadsRunning = Mutex(4)
    private let onClose: @Sendable () -> Void

    init(sockets: [Int32], onClose: @escaping @Sendable () -> Void) {
        self.sockets = sockets
        self.onClose = onClose
    }

    func threadEnded() {
        let last = threadsRunning.withLock { count in
            count -= 1
            return count == 0
        }
        guard last else { return }
        onClose()
        for socket in sockets { close(socket) }
    }
}
