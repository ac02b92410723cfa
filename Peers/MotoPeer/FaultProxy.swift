import Glibc
import Sockets

/// A loopback HTTP proxy in front of moto that spoils requests matching `spoils` (503 SlowDown, 500
/// InternalError, a TCP reset, 400 ExpiredToken as AWS answers when temporary credentials have run
/// out, or 403 AccessDenied, as S3 refuses a copy whose source the caller may not read, which moto
/// does not check): the first `count` of them, or each with a given probability (a chaos run), and
/// forwards everything else, recording the request line of every request it sees and the status
/// moto answered each forwarded one with.
///
/// Each connection carries one request: forwarded requests get `Connection: close` both ways, so
/// the counts are exact and every retry arrives on a fresh connection.
public final class FaultProxy: Sendable {
    public enum Fault: Sendable, CaseIterable {
        case slowDown
        case internalError
        case reset
        case expiredToken
        case accessDenied
    }

    /// Which matching requests are spoiled.
    public enum Schedule: Sendable {
        /// The first `count`.
        case first(Int)
        /// Each with probability `rate`, drawn from `seed`.
        case rate(Double, seed: UInt64)
    }

    private let server: LoopbackServer
    private let seen = Counter()
    private let matched = Counter()
    private let spoiled = Counter()
    private let log = RequestLog()
    private let answers = RequestLog()

    public var port: UInt16 { server.port }
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    /// Every request so far.
    public var requestsSeen: Int { seen.value }
    /// Requests answered with a fault.
    public var faultsServed: Int { spoiled.value }
    /// The request lines seen (`PUT /bucket/key HTTP/1.1`), in order.
    public var requestLines: [String] { log.lines }
    /// The forwarded requests and moto's status for each (`PUT /bucket/key HTTP/1.1 -> 200`), in
    /// the order they were answered.
    public var answeredLines: [String] { answers.lines }

    /// Spoils the first `faultCount` matching requests with `fault`.
    public convenience init(
        upstreamPort: UInt16, fault: Fault, faultCount: Int,
        spoils: @escaping @Sendable (HTTPWire.Request) -> Bool = { _ in true }
    ) throws {
        try self.init(upstreamPort: upstreamPort, faults: [fault], schedule: .first(faultCount), spoils: spoils)
    }

    /// Spoils the matching requests `schedule` picks, each with one of `faults` at random.
    /// - Parameter concurrent: forward requests side by side (a whole engine's traffic, with its
    ///   long polls), rather than one at a time.
    public init(
        upstreamPort: UInt16, faults: [Fault], schedule: Schedule, concurrent: Bool = false,
        spoils: @escaping @Sendable (HTTPWire.Request) -> Bool = { _ in true }
    ) throws {
        let (seen, matched, spoiled, log, answers) = (self.seen, self.matched, self.spoiled, self.log, self.answers)
        let draws = SeededDraws(seed: { if case .rate(_, let seed) = schedule { seed } else { 0 } }())
        server = try LoopbackServer(concurrent: concurrent) { client in
            guard let request = HTTPWire.readRequest(client) else { return }
            let number = seen.increment()
            let line = String(request.head.prefix { $0 != "\r" })
            log.append(line)
            if spoils(request) {
                let spoil: Bool
                switch schedule {
                case .first(let count): spoil = matched.increment() <= count
                case .rate(let rate, _): spoil = draws.unit() < rate
                }
                if spoil, let fault = faults.isEmpty ? nil : faults[draws.index(below: faults.count)] {
                    spoiled.increment()
                    Self.spoil(client, with: fault, number: number)
                    return
                }
            }
            guard let upstream = HTTPWire.connectLoopback(port: upstreamPort) else { return }
            HTTPWire.writeAll(upstream.descriptor, HTTPWire.inserting("Connection: close", into: request.raw))
            let response = HTTPWire.readToEnd(upstream.descriptor)
            let status = String(decoding: response.prefix(12), as: UTF8.self).split(separator: " ").dropFirst().first ?? "-"
            answers.append("\(line) -> \(status)")
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
        case .internalError:
            HTTPWire.writeAll(client, HTTPWire.response(
                status: "500 Internal Server Error", contentType: "application/xml",
                body: "<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>proxy-\(number)</RequestId></Error>"))
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
