import Glibc

/// A loopback HTTP proxy between the client and moto that spoils the first `faultCount` requests
/// (503 SlowDown, or a TCP reset) and forwards the rest, counting every request it sees.
///
/// Each connection carries one request: forwarded requests get `Connection: close` both ways, so
/// the count is exact and every retry arrives on a fresh connection.
final class FaultProxy: Sendable {
    enum Fault: Sendable {
        case slowDown
        case reset
    }

    private let server: LoopbackServer
    private let seen = Counter()

    var port: UInt16 { server.port }
    var requestsSeen: Int { seen.value }
    var endpoint: String { "http://127.0.0.1:\(port)" }

    init(upstreamPort: UInt16, fault: Fault, faultCount: Int) throws {
        let seen = self.seen
        server = try LoopbackServer { client in
            guard let request = HTTPWire.readRequest(client) else { return }
            let number = seen.increment()
            if number <= faultCount {
                switch fault {
                case .slowDown:
                    HTTPWire.writeAll(client, HTTPWire.response(
                        status: "503 Slow Down", contentType: "application/xml",
                        body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>proxy-\(number)</RequestId></Error>"))
                case .reset:
                    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                    setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                }
                return
            }
            let upstream = HTTPWire.connectLoopback(port: upstreamPort)
            guard upstream >= 0 else { return }
            defer { close(upstream) }
            HTTPWire.writeAll(upstream, HTTPWire.inserting("Connection: close", into: request.raw))
            let response = HTTPWire.readToEnd(upstream)
            HTTPWire.writeAll(client, HTTPWire.inserting("Connection: close", into: response))
        }
    }

    func stop() {
        server.stop()
    }

    /// Runs `body` with a proxy in front of moto and stops it afterwards.
    static func with<R>(
        upstreamPort: UInt16, fault: Fault, faultCount: Int, _ body: (FaultProxy) throws -> R
    ) throws -> R {
        let proxy = try FaultProxy(upstreamPort: upstreamPort, fault: fault, faultCount: faultCount)
        defer { proxy.stop() }
        return try body(proxy)
    }
}
