import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// One TCP connection opened and kept by libcurl, over which the caller speaks HTTP itself; for an
/// `https://` URL libcurl does the TLS handshake and verification, and sends and receives through it.
///
/// libcurl's `CONNECT_ONLY` mode connects (with its resolver, connection options and error
/// reporting) and then hands over `curl_easy_send`/`curl_easy_recv`. For the Runtime API loop,
/// which sends two tiny, fixed requests per invocation, that skips libcurl's general HTTP engine:
/// its URL parsing, header matching and poll loop cost several times the exchange itself.
public final class CurlConnection {
    /// Replaced by a copy with the same options whenever its connection is closed (see `closeConnection()`).
    private var handle: UnsafeMutableRawPointer
    /// Whether `handle` has been performed, so may hold a connection.
    private var performed = false
    /// The longest wait for the socket to become ready, -1 for none.
    private let waitLimitMilliseconds: Int32
    /// libcurl writes why a connect failed here (the certificate problem, say), so it must not move.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    public private(set) var isConnected = false
    /// The peer, for error messages.
    private let url: String

    /// A connection without time limits on its waits, for the Runtime API.
    /// - Parameter url: `http://host:port`, the peer to connect to.
    public convenience init(url: String) throws(TransportError) {
        try self.init(url: url, settings: [(CURLOPT_CONNECTTIMEOUT_MS, 10_000)], waitLimitMilliseconds: -1)
    }

    /// A connection for calls that must not hang: the connect timeout and TLS settings (verification,
    /// CA bundle) come from `options`, and each wait for the peer is bounded by `lowSpeedSeconds`
    /// when the low-speed rule is on.
    /// - Parameter url: `http://host:port` or `https://host:port`.
    public convenience init(url: String, options: TransportOptions) throws(TransportError) {
        try self.init(
            url: url,
            settings: [
                (CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds),
                (CURLOPT_SSL_VERIFYPEER, options.verifiesTLS ? 1 : 0),
                (CURLOPT_SSL_VERIFYHOST, options.verifiesTLS ? 2 : 0),
            ],
            caBundlePath: options.caBundlePath,
            waitLimitMilliseconds: options.lowSpeedBytesPerSecond > 0 ? Int32(clamping: options.lowSpeedSeconds * 1000) : -1)
    }

    private init(
        url: String, settings: [(CURLoption, Int)], caBundlePath: String? = nil, waitLimitMilliseconds: Int32
    ) throws(TransportError) {
        CurlGlobal.initialise()
        guard let handle = curl_easy_init() else {
            errorBuffer.deallocate()
            throw TransportError(.setupFailed, "curl_easy_init returned NULL")
        }
        self.handle = handle
        self.url = url
        self.waitLimitMilliseconds = waitLimitMilliseconds
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var codes = [
            url.withCString { swcurl_setopt_pointer(handle, CURLOPT_URL, $0) },
            swcurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            swcurl_setopt_long(handle, CURLOPT_CONNECT_ONLY, 1),
            swcurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            swcurl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1),
        ] + settings.map { swcurl_setopt_long(handle, $0.0, $0.1) }
        if let caBundlePath {
            codes.append(caBundlePath.withCString { swcurl_setopt_pointer(handle, CURLOPT_CAINFO, $0) })
        }
        if let failure = codes.first(where: { $0 != CURLE_OK }) {
            throw TransportError(curl: failure, detail: nil, context: "setting up the connection to \(url)")
        }
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Opens the connection; a dropped one is replaced by a new one.
    /// - Throws: the failure with libcurl's explanation, e.g. `certificateRejected` with "SSL
    ///   certificate problem: unable to get local issuer certificate".
    public func connect() throws(TransportError) {
        isConnected = false
        try closeConnection()
        errorBuffer[0] = 0
        performed = true
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            throw TransportError(curl: code, detail: String(cString: errorBuffer), context: "connecting to \(url)")
        }
        isConnected = true
    }

    /// Closes the connection, so the next exchange reconnects first.
    public func drop() {
        isConnected = false
        try? closeConnection()
    }

    /// Closes the socket libcurl opened, if any, by trading the handle for a copy with the same
    /// options: libcurl neither reuses nor prunes a CONNECT_ONLY connection and keeps it open until
    /// its handle is cleaned up, so each reconnect on one handle would leave a socket behind.
    private func closeConnection() throws(TransportError) {
        guard performed else { return }
        guard let fresh = curl_easy_duphandle(handle) else {
            throw TransportError(.setupFailed, "curl_easy_duphandle returned NULL")
        }
        curl_easy_cleanup(handle)
        handle = fresh
        performed = false
    }

    /// Sends every byte, waiting for the socket to drain when it is full.
    public func send(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = curl_easy_send(handle, bytes.baseAddress! + offset, bytes.count - offset, &sent)
            switch code {
            case CURLE_OK: offset += sent
            case CURLE_AGAIN: try wait(for: Int16(POLLOUT))
            default:
                isConnected = false
                throw TransportError(curl: code, detail: nil, context: "sending to \(url)")
            }
        }
    }

    /// Receives what is available, waiting as long as it takes for something to arrive.
    /// - Returns: the byte count, 0 when the peer closed the connection.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        while true {
            var received = 0
            let code = curl_easy_recv(handle, buffer.baseAddress, buffer.count, &received)
            switch code {
            case CURLE_OK:
                if received == 0 { isConnected = false }
                return received
            case CURLE_AGAIN: try wait(for: Int16(POLLIN))
            default:
                isConnected = false
                throw TransportError(curl: code, detail: nil, context: "receiving from \(url)")
            }
        }
    }

    /// Blocks until the socket is ready, without a time limit unless one was given: the Runtime
    /// API's `/next` answers only when there is an invocation.
    private func wait(for events: Int16) throws(TransportError) {
        var socket: curl_socket_t = -1
        let code = swcurl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket)
        guard code == CURLE_OK, socket >= 0 else {
            isConnected = false
            throw TransportError(.receiveFailed, "the connection to \(url) has no socket")
        }
        var poller = pollfd(fd: socket, events: events, revents: 0)
        while true {
            let ready = poll(&poller, 1, waitLimitMilliseconds)
            if ready > 0 { return }
            guard ready < 0, errno == EINTR else {
                isConnected = false
                if ready == 0 {
                    throw TransportError(.timedOut, "no progress from \(url) for \(waitLimitMilliseconds) ms")
                }
                throw TransportError(.receiveFailed, "waiting for \(url) failed: errno \(errno)")
            }
        }
    }
}
