/// HTTP/1.1 requests and responses over one kept-alive ``StreamConnection``, for exchanges whose
/// bodies both ways fit in memory: the Lambda Runtime API loop, signed AWS API calls, HEAD and small
/// objects. The one implementation of the protocol in this package; libcurl's own HTTP engine
/// (``CurlStreamingEasy``) is used only where bodies stream.
///
/// It writes the request head itself and reads responses framed as RFC 9112 section 6.3 says:
/// no body for HEAD, 1xx, 204 and 304; `Transfer-Encoding` before `Content-Length`; chunked
/// only as the final coding, otherwise until the peer closes; a `Content-Length` that is not a
/// number, or several that disagree, is an error rather than a guess. Heads and bodies are bounded
/// by ``Limits``, so a hostile or broken peer gets a ``TransportError``, never unbounded memory.
///
/// A reused connection that fails before any byte of the answer arrives was most likely closed by
/// the peer while idle, so the peer cannot have acted on the request: it is then reopened and the
/// request sent once more, as libcurl does. One thread at a time.
public final class HTTP1Connection {
    /// The largest response this client accepts.
    public struct Limits: Sendable {
        /// The status line and headers together, and any one line of chunked framing or trailers.
        public var headBytes: Int
        public var bodyBytes: Int

        public init(headBytes: Int = 64 * 1024, bodyBytes: Int = 1 << 30) {
            self.headBytes = headBytes
            self.bodyBytes = bodyBytes
        }
    }

    public let stream: any StreamConnection
    public let limits: Limits
    /// Received bytes; those before `start` are consumed. The storage is kept across exchanges.
    private var received: [UInt8] = []
    private var start = 0
    private var responseStarted = false
    /// Where each receive lands before it joins `received`. Left uninitialised, so only the pages a
    /// receive writes become resident (64 KB of zeroes would be a quarter of a small process's heap).
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 1)

    public init(stream: any StreamConnection, limits: Limits = Limits()) {
        self.stream = stream
        self.limits = limits
    }

    deinit {
        scratch.deallocate()
    }

    /// Sends one request and returns the whole response, header names lowercased.
    ///
    /// - Parameters:
    ///   - target: the encoded path and query, e.g. `/bucket/my%20key?uploads=`.
    ///   - headers: every header to send, `Host` included; `Content-Length` is added when there is
    ///     a body and for the methods that carry one.
    /// - Throws: the stream's own failures; `noResponse` when the peer closed without answering,
    ///   `truncatedResponse` when it closed mid-response, `malformedResponse` for bytes that are not
    ///   a well-framed HTTP/1.x response, `responseTooLarge` past ``limits``. The connection is
    ///   closed after any failure.
    public func exchange(
        method: String, target: String, headers: [(name: String, value: String)], body: [UInt8] = []
    ) throws(TransportError) -> TransportResponse {
        let head = HTTP1RequestHead.bytes(method: method, target: target, headers: headers, body: body)
        var resent = false
        while true {
            let reused = stream.isConnected
            received.removeAll(keepingCapacity: true)
            start = 0
            responseStarted = false
            do throws(TransportError) {
                if !reused { try stream.connect() }
                try send(head)
                if body.count > HTTP1RequestHead.inlineBodyLimit { try send(body) }
                return try readResponse(expectsBody: method != "HEAD")
            } catch {
                stream.drop()
                guard reused, !resent, !responseStarted, error.kind != .timedOut else { throw error }
                resent = true
            }
        }
    }

    /// Reads the final response (skipping 1xx), then closes the connection when the peer said it
    /// would or when the body ran to the end of the stream.
    private func readResponse(expectsBody: Bool) throws(TransportError) -> TransportResponse {
        while true {
            let headEnd = try readHead()
            let head = try HTTP1ResponseHead(received[start..<headEnd])
            start = headEnd + 4
            if (100..<200).contains(head.status) { continue }
            let framing = expectsBody && head.status != 204 && head.status != 304 ? try head.framing() : .length(0)
            let body: [UInt8]
            switch framing {
            case .length(let length):
                guard length <= limits.bodyBytes else { throw tooLarge("a Content-Length of \(length)") }
                body = try take(length)
            case .chunked: body = try readChunks()
            case .untilClose: body = try readUntilClose()
            }
            // Bytes past the response were never asked for: the connection is out of step, so it
            // is not used again.
            if !head.keepsAlive || framing == .untilClose || start < received.count { stream.drop() }
            return TransportResponse(status: head.status, headers: head.headers, body: body)
        }
    }

    /// The index of the blank line that ends the response head.
    private func readHead() throws(TransportError) -> Int {
        var searchFrom = start
        while true {
            if received.count - searchFrom >= 4 {
                for index in searchFrom...(received.count - 4)
                where received[index] == 13 && received[index + 1] == 10 && received[index + 2] == 13 && received[index + 3] == 10 {
                    return index
                }
                searchFrom = received.count - 3
            }
            guard received.count - start <= limits.headBytes else { throw tooLarge("a response head") }
            guard try fill() else {
                throw TransportError(
                    responseStarted ? .truncatedResponse : .noResponse,
                    responseStarted ? "the peer closed the connection within the response head" : "the peer closed the connection without answering")
            }
        }
    }

    private func readChunks() throws(TransportError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let size = try HTTP1ChunkSize.parse(takeLine())
            if size == 0 {
                while try !takeLine().isEmpty {}
                return body
            }
            guard size <= limits.bodyBytes - body.count else { throw tooLarge("a chunked body") }
            body += try take(size)
            guard try takeLine().isEmpty else {
                throw TransportError(.malformedResponse, "a chunk is longer than its size line says")
            }
        }
    }

    private func readUntilClose() throws(TransportError) -> [UInt8] {
        while try fill() {
            guard received.count - start <= limits.bodyBytes else { throw tooLarge("a body read until the connection closed") }
        }
        defer { start = received.count }
        return Array(received[start...])
    }

    /// The next line without its CR LF.
    private func takeLine() throws(TransportError) -> ArraySlice<UInt8> {
        var searchFrom = start
        while true {
            if let newline = received[searchFrom...].firstIndex(of: 10) {
                let end = newline > start && received[newline - 1] == 13 ? newline - 1 : newline
                let line = received[start..<end]
                start = newline + 1
                return line
            }
            guard received.count - start <= limits.headBytes else { throw tooLarge("a line of chunked framing") }
            searchFrom = received.count
            try fillOrFail()
        }
    }

    private func take(_ count: Int) throws(TransportError) -> [UInt8] {
        while received.count - start < count { try fillOrFail() }
        defer { start += count }
        return Array(received[start..<(start + count)])
    }

    private func fillOrFail() throws(TransportError) {
        guard try fill() else { throw TransportError(.truncatedResponse, "the peer closed the connection mid-response") }
    }

    private func tooLarge(_ what: String) -> TransportError {
        TransportError(.responseTooLarge, "\(what) exceeds this client's limit (head \(limits.headBytes), body \(limits.bodyBytes) bytes)")
    }

    private func send(_ bytes: [UInt8]) throws(TransportError) {
        let outcome: Result<Void, TransportError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(TransportError) in try stream.send(buffer) }
        }
        try outcome.get()
    }

    /// Appends what the stream has; false when the peer closed it.
    private func fill() throws(TransportError) -> Bool {
        let count = try stream.receive(into: scratch)
        guard count > 0 else { return false }
        responseStarted = true
        received.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<count]))
        return true
    }
}
