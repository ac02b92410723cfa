import Glibc
import Sockets

/// A loopback HTTP proxy in front of moto that spoils the first `faultCount` requests matching
/// `spoils` (503 SlowDown, a TCP reset, 400 ExpiredToken as AWS answers when temporary
/// credentials have run out, or 403 AccessDenied, as S3 refuses a copy whose source the caller may
/// not read, which moto does not check) and forwards everything else, recording the request
/// line of every request it sees.
///
/// Each connection carries one request: forwarded requests get `Connection: close` both ways, so
/// the counts are exact and every retry arrives on a fresh connection.
public final class FaultProxy: Sendable {
    public enum Fault: Sendable {
        case slowDown
        case reset
        case expiredToken
        case accessDenied
    }

    private let server: LoopbackServer
    private let seen = Counter()
    private let spoiled = Counter()
    private let log = RequestLog()

    public var port: UInt16 { server.port }
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    /// Every request so far.
    public var requestsSeen: Int { seen.value }
    /// Requests answered with the fault.
    public var faultsServed: Int { spoiled.value }
    /// The request lines seen (`PUT /bucket/key HTTP/1.1`), in order.
    public var requestLines: [String] { log.lines }

    public init(
        upstreamPort: UInt16, fault: Fault, faultCount: Int,
        spoils: @escaping @Sendable (HTTPWire.Request) -> Bool = { _ in true }
    ) throws {
        let (seen, spoiled, log) = (self.seen, self.spoiled, self.log)
        server = try LoopbackServer { client in
            guard let request = HTTPWire.readRequest(client) else { return }
            let number = seen.increment()
            log.append(String(request.head.prefix { $0 != "\r" }))
            if spoils(request), spoiled.value < faultCount {
                spoiled.increment()
                Self.spoil(client, with: fault, number: number)
                return
            }
            guard let upstream = HTTPWire.connectLoopback(port: upstreamPort) else { return }
            HTTPWire.writeAll(upstream.descriptor, HTTPWire.inserting("Connection: close", into: request.raw))
            let response = HTTPWire.readToEnd(upstream.descriptor)
            HTTPWire.writeAll(client, HTTPWire.inserting("Connection: close", into: response))
        }
    }

    public func stop() {
        server.stop()
    }

    /// Runs `body` with a proxy in front of moto and stops it afterwards.
    public static func with<R>(
        upstreamPort: UInt16, fault: Fault, faultCount: Int,
        spoils: @escaping @Sendable (HTTPWire.Request) -> Bool = { _ in true }, _ body: (FaultProxy) throws -> R
    ) throws -> R {
        let proxy = try FaultProxy(upstreamPort: upstreamPort, fault: fault, faultCount: faultCount, spoils: spoils)
        defer { proxy.stop() }
        return try body(proxy)
    }

    private static func spoil(_ client: Int32, with fault: Fault, number: Int) {
        switch fault {
        case .slowDown:
            HTTPWire.writeAll(client, HTTPWire.response(
                status: "503 Slow Down", contentType: "application/xml",
                body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>proxy-\(number)</RequestId></Error>"))
        case .expiredToken:
            HTTPWire.writeAll(client, HTTPWire.response(
                status: "400 Bad Request", contentType: "application/xml",
                body: "<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message><RequestId>proxy-\(number)</RequestId></Error>"))
        case .accessDenied:
            HTTPWire.writeAll(client, HTTPWire.response(
                status: "403 Forbidden", contentType: "application/xml",
                body: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>proxy-\(number)</RequestId></Error>"))
        case .reset:
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        }
    }
}
