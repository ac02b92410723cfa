import HTTPTransport
import Synchronization

/// Idle HTTP/1.1 connections kept per peer (scheme, host, port) for the calls that skip libcurl's
/// HTTP engine (see `AWSClient.exchange`).
///
/// `http://` peers get a plain ``TCPConnection``; `https://` peers a ``CurlConnection``, so libcurl
/// does the TLS handshake and verifies the certificate and host name. A connection the peer closed
/// stays in the pool and reconnects on its next use, keeping its resolved address and buffers.
/// A connection is not thread-safe; the pool hands each one to a single caller at a time, which is
/// the whole of the `@unchecked Sendable` reasoning for `PooledConnection`.
final class ConnectionPool: Sendable {
    private let idle = Mutex<[Origin: [PooledConnection]]>([:])
    private let options: TransportOptions
    /// More idle connections per peer than this are closed rather than kept.
    private let maximumIdlePerOrigin: Int

    init(options: TransportOptions, maximumIdlePerOrigin: Int = 16) {
        self.options = options
        self.maximumIdlePerOrigin = maximumIdlePerOrigin
    }

    /// Runs `body` with a connection to `endpoint` (with `host` in place of the endpoint's host for
    /// S3 virtual-hosted buckets), taken from the pool or new, and returns it afterwards.
    func withConnection<R>(
        to endpoint: Endpoint, host: String, _ body: (HTTP1Connection) throws(TransportError) -> R
    ) throws(TransportError) -> R {
        let origin = Origin(scheme: endpoint.scheme, host: host, port: endpoint.port ?? (endpoint.scheme == "https" ? 443 : 80))
        let pooled: PooledConnection
        if let reused = idle.withLock({ $0[origin]?.popLast() }) {
            pooled = reused
        } else {
            pooled = PooledConnection(connection: HTTP1Connection(stream: try stream(to: origin)))
        }
        defer {
            idle.withLock { connections in
                if connections[origin, default: []].count < maximumIdlePerOrigin { connections[origin, default: []].append(pooled) }
            }
        }
        return try body(pooled.connection)
    }

    private func stream(to origin: Origin) throws(TransportError) -> any StreamConnection {
        guard origin.scheme == "https" else { return TCPConnection(host: origin.host, port: origin.port, options: options) }
        return try CurlConnection(url: "https://\(origin.host):\(origin.port)", options: options)
    }
}

/// The peer a connection goes to.
private struct Origin: Hashable {
    let scheme: String
    let host: String
    let port: Int
}

/// A connection in transit between the pool and the one caller using it.
private final class PooledConnection: @unchecked Sendable {
    let connection: HTTP1Connection

    init(connection: HTTP1Connection) {
        self.connection = connection
    }
}
