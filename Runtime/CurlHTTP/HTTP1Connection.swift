import CCurl

/// HTTP/1.1 requests and responses over one kept-alive ``StreamConnection``, for calls whose
/// bodies both ways are small enough to hold in memory (signed API calls, HEAD, small objects).
///
/// It writes the request head itself and reads responses framed by `Content-Length`, chunked
/// encoding or the connection closing. A reused connection that fails before any byte of the
/// answer arrives was most likely closed by the peer while idle, so the peer cannot have acted on
/// the request: it is then reopened and the request sent once more, as libcurl does. One thread
/// at a time.
public final class HTTP1Connection {
    public let stream: any StreamConnection
    /// Received bytes; those before `start` are consumed. The storage is kept across exchanges.
    private var received: [UInt8] = []
    private var start = 0
    private var responseStarted = false
    private var scratch = [UInt8](repeating: 0, count: 16_384)

    public init(stream: any StreamConnection) {
        self.stream = stream
    }

    /// Sends one request and returns the whole response, header names lowercased.
    ///
    /// - Parameters:
    ///   - target: the encoded path and query, e.g. `/bucket/my%20key?uploads=`.
    ///   - headers: every header to send, `Host` included; `Content-Length` is added when there is
    ///     a body and for the methods that carry one.
    /// - Throws: `CurlError` with libcurl's codes: the stream's own failures, `CURLE_GOT_NOTHING`
    ///   when the peer closed without answering, `CURLE_PARTIAL_FILE` when it closed mid-response,
    ///   `CURLE_WEIRD_SERVER_REPLY` for a response that is not HTTP/1.x. The connection is closed
    ///   after any failure.
    public func exchange(
        method: String, target: String, headers: [(name: String, value: String)], body: [UInt8] = []
    ) throws(CurlError) -> CurlResponse {
        let head = Self.head(method: method, target: target, headers: headers, body: body)
        var resent = false
        while true {
            let reused = stream.isConnected
            received.removeAll(keepingCapacity: true)
            start = 0
            responseStarted = false
            do throws(CurlError) {
                if !reused { try stream.connect() }
                try send(head)
                if body.count > Self.inlineBodyLimit { try send(body) }
                return try readResponse(expectsBody: method != "HEAD")
            } catch {
                stream.drop()
                guard reused, !resent, !responseStarted, error.code != CURLE_OPERATION_TIMEDOUT else { throw error }
                resent = true
            }
        }
    }

    /// Bodies up to this size go out in the same send as the head.
    static let inlineBodyLimit = 65_536

    /// The request line, the headers, `Content-Length` when needed, the blank line, and the body
    /// when it is small.
    static func head(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + headers.count * 64 + (body.count <= inlineBodyLimit ? body.count : 0))
        bytes.append(contentsOf: method.utf8)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: target.utf8)
        bytes.append(contentsOf: " HTTP/1.1\r\n".utf8)
        for header in headers {
            bytes.append(contentsOf: header.name.utf8)
            bytes.append(contentsOf: ": ".utf8)
            bytes.append(contentsOf: header.value.utf8)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        if !body.isEmpty || method == "PUT" || method == "POST" || method == "PATCH" {
            bytes.append(contentsOf: "Content-Length: ".utf8)
            bytes.append(contentsOf: String(body.count).utf8)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        bytes.append(contentsOf: "\r\n".utf8)
        if body.count <= inlineBodyLimit { bytes.append(contentsOf: body) }
        return bytes
    }

    /// Reads the final response (skipping `100 Continue`), then closes the connection when the peer
    /// said it would.
    private func readResponse(expectsBody: Bool) throws(CurlError) -> CurlResponse {
        while true {
            let headEnd = try readHead()
            var headers: [(name: String, value: String)] = []
            let (status, isHTTP10) = try parseHead(upTo: headEnd, into: &headers)
            start = headEnd + 4
            if (100..<200).contains(status) { continue }
            let body = expectsBody && status != 204 && status != 304 ? try readBody(headers: headers) : []
            let connection = headers.first { $0.name == "connection" }?.value.lowercased()
            if connection == "close" || (isHTTP10 && connection != "keep-alive") { stream.drop() }
            return CurlResponse(status: status, headers: headers, body: body)
        }
    }

    /// The index of the blank line that ends the response head.
    private func readHead() throws(CurlError) -> Int {
        var searchFrom = start
        while true {
            if received.count - searchFrom >= 4 {
                for index in searchFrom...(received.count - 4)
                where received[index] == 13 && received[index + 1] == 10 && received[index + 2] == 13 && received[index + 3] == 10 {
                    return index
                }
                searchFrom = received.count - 3
            }
            guard try fill() else {
                throw CurlError(code: responseStarted ? CURLE_PARTIAL_FILE : CURLE_GOT_NOTHING, detail: "the peer closed the connection")
            }
        }
    }

    /// Parses the status line and headers; returns the status and whether the peer speaks HTTP/1.0.
    private func parseHead(upTo end: Int, into headers: inout [(name: String, value: String)]) throws(CurlError) -> (Int, Bool) {
        let parsed: (Int, Bool)? = received.withUnsafeBytes { bytes in
            let head = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            let lines = head.split(separator: 10, omittingEmptySubsequences: true)
            guard let statusLine = lines.first, statusLine.starts(with: "HTTP/1.".utf8), statusLine.count >= 12
            else { return nil }
            var status = 0
            for byte in statusLine[(statusLine.startIndex + 9)..<(statusLine.startIndex + 12)] {
                guard (48...57).contains(byte) else { return nil }
                status = status * 10 + Int(byte - 48)
            }
            for line in lines.dropFirst() {
                HeaderLine.take(UnsafeRawBufferPointer(rebasing: line), into: &headers)
            }
            return (status, statusLine[statusLine.startIndex + 7] == UInt8(ascii: "0"))
        }
        guard let parsed else { throw CurlError(code: CURLE_WEIRD_SERVER_REPLY, detail: "the response is not HTTP/1.x") }
        return parsed
    }

    private func readBody(headers: [(name: String, value: String)]) throws(CurlError) -> [UInt8] {
        if headers.contains(where: { $0.name == "transfer-encoding" && $0.value.lowercased().contains("chunked") }) {
            return try readChunks()
        }
        if let lengthText = headers.first(where: { $0.name == "content-length" })?.value {
            guard let length = Int(lengthText), length >= 0 else {
                throw CurlError(code: CURLE_WEIRD_SERVER_REPLY, detail: "malformed Content-Length \(lengthText)")
            }
            return try take(length)
        }
        while try fill() {}
        defer { start = received.count }
        return Array(received[start...])
    }

    private func readChunks() throws(CurlError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try takeLine()
            let digits = line.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            guard let size = Int(String(decoding: digits, as: UTF8.self), radix: 16), size >= 0 else {
                throw CurlError(code: CURLE_WEIRD_SERVER_REPLY, detail: "malformed chunk size")
            }
            if size == 0 {
                while try !takeLine().isEmpty {}
                return body
            }
            body += try take(size)
            _ = try takeLine()
        }
    }

    /// The next line without its CR LF.
    private func takeLine() throws(CurlError) -> ArraySlice<UInt8> {
        while true {
            if let newline = received[start...].firstIndex(of: 10) {
                let end = newline > start && received[newline - 1] == 13 ? newline - 1 : newline
                let line = received[start..<end]
                start = newline + 1
                return line
            }
            try fillOrFail()
        }
    }

    private func take(_ count: Int) throws(CurlError) -> [UInt8] {
        while received.count - start < count { try fillOrFail() }
        defer { start += count }
        return Array(received[start..<(start + count)])
    }

    private func fillOrFail() throws(CurlError) {
        guard try fill() else { throw CurlError(code: CURLE_PARTIAL_FILE, detail: "the peer closed the connection mid-response") }
    }

    private func send(_ bytes: [UInt8]) throws(CurlError) {
        let outcome: Result<Void, CurlError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(CurlError) in try stream.send(buffer) }
        }
        try outcome.get()
    }

    /// Appends what the stream has; false when the peer closed it.
    private func fill() throws(CurlError) -> Bool {
        let outcome: Result<Int, CurlError> = scratch.withUnsafeMutableBytes { buffer in
            Result { () throws(CurlError) in try stream.receive(into: buffer) }
        }
        let count = try outcome.get()
        guard count > 0 else { return false }
        responseStarted = true
        received.append(contentsOf: scratch[..<count])
        return true
    }
}
