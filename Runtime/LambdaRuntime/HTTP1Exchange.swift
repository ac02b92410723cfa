import CurlHTTP

/// HTTP/1.1 request and response over one kept-alive ``CurlConnection``, just what the Runtime API
/// needs: small requests out; responses with a Content-Length, chunked, or closing bodies in.
final class HTTP1Exchange {
    private let connection: CurlConnection
    private let host: String
    /// Bytes received and not yet consumed, reused across exchanges.
    private var received: [UInt8] = []
    private var scratch = [UInt8](repeating: 0, count: 65_536)

    /// A failure of the connection itself, as opposed to an HTTP answer.
    struct TransportFailure: Error, CustomStringConvertible {
        let description: String
        /// Whether any part of a response had arrived: only a request that got nothing back is resent.
        let answered: Bool
    }

    /// - Parameter endpoint: `host:port`.
    init(endpoint: String) throws(CurlError) {
        connection = try CurlConnection(url: "http://\(endpoint)")
        host = endpoint
    }

    /// Sends a request and waits, without a time limit, for its whole response.
    ///
    /// A connection the peer closed while idle is replaced and the request sent again, once.
    func exchange(_ method: String, _ path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) throws -> CurlResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        if method != "GET" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let request = Array(head.utf8) + body
        var attempt = 1
        while true {
            do {
                if !connection.isConnected {
                    received.removeAll(keepingCapacity: true)
                    try connection.connect()
                }
                try request.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws in try connection.send(bytes) }
                return try readResponse()
            } catch let failure as TransportFailure where !failure.answered && attempt == 1 {
                connection.drop()
                attempt += 1
            } catch let error as CurlError where attempt == 1 && !error.isConnectionFailure {
                connection.drop()
                attempt += 1
            }
        }
    }

    private func readResponse() throws -> CurlResponse {
        while true {
            let headEnd = try waitForHead()
            var headers: [(name: String, value: String)] = []
            let status = try parseHead(upTo: headEnd, into: &headers)
            received.removeFirst(headEnd + 4)
            if (100..<200).contains(status) { continue }
            let body = try readBody(headers: headers)
            if headers.contains(where: { $0.name == "connection" && $0.value.lowercased() == "close" }) {
                connection.drop()
            }
            return CurlResponse(status: status, headers: headers, body: body)
        }
    }

    /// The index of the blank line ending the response head, reading until it has arrived.
    private func waitForHead() throws -> Int {
        var searchFrom = 0
        while true {
            if received.count >= 4 {
                for index in searchFrom...(received.count - 4)
                where received[index] == 13 && received[index + 1] == 10 && received[index + 2] == 13 && received[index + 3] == 10 {
                    return index
                }
                searchFrom = received.count - 3
            }
            try fill()
        }
    }

    private func parseHead(upTo end: Int, into headers: inout [(name: String, value: String)]) throws -> Int {
        try received.withUnsafeBytes { bytes in
            let head = UnsafeRawBufferPointer(rebasing: bytes[..<end])
            let lines = head.split(separator: 10, omittingEmptySubsequences: true)
            guard let statusLine = lines.first, statusLine.starts(with: "HTTP/1.".utf8), statusLine.count >= 12 else {
                throw TransportFailure(description: "the Runtime API answered something that is not HTTP/1.x", answered: true)
            }
            let digits = statusLine[(statusLine.startIndex + 9)..<(statusLine.startIndex + 12)]
            guard let status = Int(String(decoding: digits, as: UTF8.self)) else {
                throw TransportFailure(description: "the Runtime API answered a malformed status line", answered: true)
            }
            for line in lines.dropFirst() {
                HeaderLine.take(UnsafeRawBufferPointer(rebasing: line), into: &headers)
            }
            return status
        }
    }

    private func readBody(headers: [(name: String, value: String)]) throws -> [UInt8] {
        if let length = headers.first(where: { $0.name == "content-length" }).flatMap({ Int($0.value) }) {
            return try take(length)
        }
        if headers.contains(where: { $0.name == "transfer-encoding" && $0.value.lowercased().contains("chunked") }) {
            return try readChunks()
        }
        while connection.isConnected { try fill(allowingClose: true) }
        defer { received.removeAll(keepingCapacity: true) }
        return received
    }

    private func readChunks() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try takeLine()
            let sizeText = line.split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.filter { $0 != " " && $0 != "\t" }, radix: 16) else {
                throw TransportFailure(description: "the Runtime API sent a malformed chunk size: \(line)", answered: true)
            }
            if size == 0 {
                while try !takeLine().isEmpty {}
                return body
            }
            body += try take(size)
            _ = try takeLine()
        }
    }

    private func takeLine() throws -> String {
        while true {
            if let newline = received.firstIndex(of: 10) {
                let end = newline > 0 && received[newline - 1] == 13 ? newline - 1 : newline
                let line = String(decoding: received[..<end], as: UTF8.self)
                received.removeFirst(newline + 1)
                return line
            }
            try fill()
        }
    }

    private func take(_ count: Int) throws -> [UInt8] {
        while received.count < count { try fill() }
        let bytes = Array(received[..<count])
        received.removeFirst(count)
        return bytes
    }

    private func fill(allowingClose: Bool = false) throws {
        let count = try scratch.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) throws in try connection.receive(into: buffer) }
        if count == 0 {
            if allowingClose { return }
            throw TransportFailure(description: "the Runtime API closed the connection", answered: !received.isEmpty)
        }
        received.append(contentsOf: scratch[..<count])
    }
}
