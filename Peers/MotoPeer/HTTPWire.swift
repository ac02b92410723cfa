import Foundation
import Glibc
public import Sockets

/// Just enough HTTP/1.1 to read one request and write raw bytes, for the test servers.
public enum HTTPWire {
    public struct Request {
        public var head: String
        public var headers: [(name: String, value: String)]
        public var raw: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// Reads one request (head and `Content-Length` body); nil when the peer closed first.
    public static func readRequest(_ fd: Int32) -> Request? {
        var raw: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var headEnd: Int?
        var total = Int.max
        while raw.count < total {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            raw += buffer[0..<count]
            if headEnd == nil, let end = find(Array("\r\n\r\n".utf8), in: raw) {
                headEnd = end + 4
                let head = String(decoding: raw[0..<end], as: UTF8.self)
                let length = parseHeaders(head).first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
                total = end + 4 + length
            }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: raw[0..<(headEnd - 4)], as: UTF8.self)
        return Request(head: head, headers: parseHeaders(head), raw: raw)
    }

    public static func parseHeaders(_ head: String) -> [(name: String, value: String)] {
        head.split(separator: "\r\n").dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    /// Inserts a header line right after the first line of an HTTP message.
    public static func inserting(_ line: String, into message: [UInt8]) -> [UInt8] {
        guard let end = find(Array("\r\n".utf8), in: message) else { return message }
        return Array(message[0..<(end + 2)]) + Array("\(line)\r\n".utf8) + Array(message[(end + 2)...])
    }

    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    public static func readToEnd(_ fd: Int32) -> [UInt8] {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return output }
            output += buffer[0..<count]
        }
    }

    public static func response(status: String, contentType: String, body: String) -> [UInt8] {
        Array("HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)".utf8)
    }

    /// A blocking connection to 127.0.0.1:`port`; nil when nothing listens there.
    public static func connectLoopback(port: UInt16) -> TCPSocket? {
        guard let socket = try? TCPSocket.connect(host: "127.0.0.1", port: Int(port), timeout: .seconds(5)) else { return nil }
        socket.makeBlocking(idleTimeout: nil)
        return socket
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
