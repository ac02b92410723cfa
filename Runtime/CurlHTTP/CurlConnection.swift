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
    private let handle: UnsafeMutableRawPointer
    /// The longest wait for the socket to become ready, -1 for none.
    private let waitLimitMilliseconds: Int32
    public private(set) var isConnected = false

    /// A connection without time limits on its waits, for the Runtime API.
    /// - Parameter url: `http://host:port`, the peer to connect to.
    public convenience init(url: String) throws(CurlError) {
        try self.init(url: url, settings: [(CURLOPT_CONNECTTIMEOUT_MS, 10_000)], waitLimitMilliseconds: -1)
    }

    /// A connection for calls that must not hang: the connect timeout and TLS verification come
    /// from `options`, and each wait for the peer is bounded by `lowSpeedSeconds` when the low-speed
    /// rule is on.
    /// - Parameter url: `http://host:port` or `https://host:port`.
    public convenience init(url: String, options: CurlTransferOptions) throws(CurlError) {
        try self.init(
            url: url,
            settings: [
                (CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds),
                (CURLOPT_SSL_VERIFYPEER, options.verifiesTLS ? 1 : 0),
                (CURLOPT_SSL_VERIFYHOST, options.verifiesTLS ? 2 : 0),
            ],
            waitLimitMilliseconds: options.lowSpeedBytesPerSecond > 0 ? Int32(clamping: options.lowSpeedSeconds * 1000) : -1)
    }

    private init(url: String, settings: [(CURLoption, Int)], waitLimitMilliseconds: Int32) throws(CurlError) {
        CurlGlobal.initialise()
        guard let handle = curl_easy_init() else {
            throw CurlError(code: CURLE_FAILED_INIT, detail: "curl_easy_init returned NULL")
        }
        self.handle = handle
        self.waitLimitMilliseconds = waitLimitMilliseconds
        let codes = [
            url.withCString { swcurl_setopt_pointer(handle, CURLOPT_URL, $0) },
            swcurl_setopt_long(handle, CURLOPT_CONNECT_ONLY, 1),
            swcurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            swcurl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1),
        ] + settings.map { swcurl_setopt_long(handle, $0.0, $0.1) }
        if let failure = codes.first(where: { $0 != CURLE_OK }) {
            throw CurlError(code: failure, detail: "setting up the connection to \(url) failed")
        }
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Opens the connection; a dropped one is replaced by a new one.
    public func connect() throws(CurlError) {
        isConnected = false
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else { throw CurlError(code: code, detail: nil) }
        isConnected = true
    }

    /// Marks the connection as unusable, so the next exchange reconnects first.
    public func drop() {
        isConnected = false
    }

    /// Sends every byte, waiting for the socket to drain when it is full.
    public func send(_ bytes: UnsafeRawBufferPointer) throws(CurlError) {
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = curl_easy_send(handle, bytes.baseAddress! + offset, bytes.count - offset, &sent)
            switch code {
            case CURLE_OK: offset += sent
            case CURLE_AGAIN: try wait(for: Int16(POLLOUT))
            default:
                isConnected = false
                throw CurlError(code: code, detail: "sending to the peer failed")
            }
        }
    }

    /// Receives what is available, waiting as long as it takes for something to arrive.
    /// - Returns: the byte count, 0 when the peer closed the connection.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(CurlError) -> Int {
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
                throw CurlError(code: code, detail: "receiving from the peer failed")
            }
        }
    }

    /// Blocks until the socket is ready, without a time limit unless one was given: the Runtime
    /// API's `/next` answers only when there is an invocation.
    private func wait(for events: Int16) throws(CurlError) {
        var socket: curl_socket_t = -1
        let code = swcurl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket)
        guard code == CURLE_OK, socket >= 0 else {
            isConnected = false
            throw CurlError(code: code == CURLE_OK ? CURLE_UNSUPPORTED_PROTOCOL : code, detail: "the connection has no socket")
        }
        var poller = pollfd(fd: socket, events: events, revents: 0)
        while true {
            let ready = poll(&poller, 1, waitLimitMilliseconds)
            if ready > 0 { return }
            guard ready < 0, errno == EINTR else {
                isConnected = false
                if ready == 0 {
                    throw CurlError(code: CURLE_OPERATION_TIMEDOUT, detail: "no progress for \(waitLimitMilliseconds) ms")
                }
                throw CurlError(code: CURLE_RECV_ERROR, detail: "poll failed: errno \(errno)")
            }
        }
    }
}
