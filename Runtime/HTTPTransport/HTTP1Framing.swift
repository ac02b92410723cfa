/// The request head ``HTTP1Connection`` writes.
enum HTTP1RequestHead {
    /// Bodies up to this size go out in the same send as the head.
    static let inlineBodyLimit = 65_536

    /// The request line, the headers, `Content-Length` when needed, the blank line, and the body
    /// when it is small.
    static func bytes(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) -> [UInt8] {
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
}

/// A response's status line and headers, and how its body is framed.
struct HTTP1ResponseHead {
    /// How the body ends (RFC 9112 section 6.3).
    enum Framing: Equatable {
        case length(Int)
        case chunked
        case untilClose
    }

    let status: Int
    /// Names lowercased, in the order received.
    let headers: [(name: String, value: String)]
    /// Whether the connection stays open after this response.
    let keepsAlive: Bool

    /// Parses the head, without its final blank line.
    init(_ bytes: ArraySlice<UInt8>) throws(TransportError) {
        let parsed: (Int, Bool, [(name: String, value: String)])? = bytes.withUnsafeBytes { head in
            let lines = head.split(separator: 10, omittingEmptySubsequences: true)
            guard let statusLine = lines.first, statusLine.starts(with: "HTTP/1.".utf8), statusLine.count >= 12,
                statusLine[statusLine.startIndex + 8] == UInt8(ascii: " ")
            else { return nil }
            var status = 0
            for byte in statusLine[(statusLine.startIndex + 9)..<(statusLine.startIndex + 12)] {
                guard (48...57).contains(byte) else { return nil }
                status = status * 10 + Int(byte - 48)
            }
            var headers: [(name: String, value: String)] = []
            for line in lines.dropFirst() {
                HeaderLine.take(UnsafeRawBufferPointer(rebasing: line), into: &headers)
            }
            return (status, statusLine[statusLine.startIndex + 7] == UInt8(ascii: "0"), headers)
        }
        guard let (status, isHTTP10, headers) = parsed else {
            throw TransportError(.malformedResponse, "the response does not start with an HTTP/1.x status line")
        }
        self.status = status
        self.headers = headers
        let connection = headers.first { $0.name == "connection" }?.value.lowercased()
        keepsAlive = isHTTP10 ? connection == "keep-alive" : connection != "close"
    }

    /// `Transfer-Encoding` decides before `Content-Length`; several `Content-Length` values must
    /// agree, and each must be a plain decimal number.
    func framing() throws(TransportError) -> Framing {
        let codings = headers.filter { $0.name == "transfer-encoding" }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingSpaces.lowercased() }
        if let last = codings.last {
            return last == "chunked" ? .chunked : .untilClose
        }
        let lengths = headers.filter { $0.name == "content-length" }.flatMap { $0.value.split(separator: ",", omittingEmptySubsequences: false) }
        guard let first = lengths.first else { return .untilClose }
        var length: Int?
        for text in lengths {
            let digits = text.trimmingSpaces
            guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(digits) else {
                throw TransportError(.malformedResponse, "malformed Content-Length \(first)")
            }
            guard length == nil || length == value else {
                throw TransportError(.malformedResponse, "conflicting Content-Length values \(lengths.joined(separator: ", "))")
            }
            length = value
        }
        return .length(length ?? 0)
    }
}

/// The size line of one chunk: hexadecimal digits, then optional `;` extensions.
enum HTTP1ChunkSize {
    static func parse(_ line: ArraySlice<UInt8>) throws(TransportError) -> Int {
        let digits = line.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        guard !digits.isEmpty else { throw TransportError(.malformedResponse, "an empty chunk size line") }
        guard digits.count <= 15 else { throw TransportError(.responseTooLarge, "a chunk size of \(digits.count) hex digits") }
        var size = 0
        for byte in digits {
            guard let value = hexValue(byte) else {
                throw TransportError(.malformedResponse, "a malformed chunk size \(String(decoding: digits, as: UTF8.self))")
            }
            size = size << 4 | value
        }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: Substring {
        let isText = { (character: Character) in character != " " && character != "\t" }
        guard let first = firstIndex(where: isText), let last = lastIndex(where: isText) else { return "" }
        return self[first...last]
    }
}
