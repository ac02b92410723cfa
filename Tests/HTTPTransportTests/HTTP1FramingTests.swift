import HTTPTransport
import ScriptedPeer
import Testing

/// The response framing of the one HTTP/1.1 client, against peers in memory that deliver their
/// bytes one at a time and misbehave on purpose: every outcome is a response or a typed error,
/// never a hang, a crash or unbounded memory.
@Suite("HTTP/1.1 framing")
struct HTTP1FramingTests {
    private let host = [(name: "Host", value: "peer")]

    private func exchange(
        _ responses: [String], method: String = "GET", limits: HTTP1Connection.Limits = .init(), pieceBytes: Int = 1
    ) throws(TransportError) -> TransportResponse {
        let http = HTTP1Connection(stream: ScriptedStream(responses, pieceBytes: pieceBytes), limits: limits)
        return try http.exchange(method: method, target: "/", headers: host)
    }

    private func failure(
        _ responses: [String], method: String = "GET", limits: HTTP1Connection.Limits = .init()
    ) -> TransportError? {
        #expect(throws: TransportError.self) { try exchange(responses, method: method, limits: limits) }
    }

    @Test("Content-Length, chunked with extensions and trailers, and close-delimited bodies, a byte at a time")
    func wellFramedBodies() throws {
        let sized = try exchange(["HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A:  padded \r\n\r\nhello"])
        #expect(sized.status == 200 && sized.body == Array("hello".utf8) && sized.header("X-A") == "padded")
        let chunked = try exchange([
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\nA\r\n, chunked!\r\n0\r\nTrailer: t\r\n\r\n",
        ])
        #expect(chunked.body == Array("hello, chunked!".utf8))
        let untilClose = try exchange(["HTTP/1.1 200 OK\r\n\r\nread to the end"])
        #expect(untilClose.body == Array("read to the end".utf8))
    }

    @Test("Transfer-Encoding decides before Content-Length (RFC 9112 6.3)")
    func transferEncodingFirst() throws {
        let response = try exchange(["HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"])
        #expect(response.body == Array("abc".utf8))
        let notChunkedLast = try exchange(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\nContent-Length: 1\r\n\r\nraw"])
        #expect(notChunkedLast.body == Array("raw".utf8), "a final coding other than chunked runs to the close")
    }

    @Test("HEAD, 204 and 304 have no body whatever their headers say; 1xx answers are skipped")
    func bodilessResponses() throws {
        let head = try exchange(["HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"], method: "HEAD")
        #expect(head.body.isEmpty && head.header("content-length") == "100")
        for status in ["204 No Content", "304 Not Modified"] {
            let response = try exchange(["HTTP/1.1 \(status)\r\nContent-Length: 7\r\n\r\n"])
            #expect(response.body.isEmpty)
        }
        let continued = try exchange(["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"])
        #expect(continued.status == 201 && continued.body == Array("ok".utf8))
    }

    @Test("several Content-Length values are taken only when they agree and are plain numbers", arguments: [
        ("Content-Length: 3\r\nContent-Length: 3", true), ("Content-Length: 3, 3", true),
        ("Content-Length: 3\r\nContent-Length: 4", false), ("Content-Length: 3, 4", false),
        ("Content-Length: -1", false), ("Content-Length: +3", false), ("Content-Length: 0x3", false),
        ("Content-Length: ", false), ("Content-Length: 99999999999999999999999", false),
    ])
    func contentLengths(headers: String, accepted: Bool) throws {
        let response = ["HTTP/1.1 200 OK\r\n\(headers)\r\n\r\nabc"]
        if accepted {
            #expect(try exchange(response).body == Array("abc".utf8))
        } else {
            #expect(failure(response)?.kind == .malformedResponse)
        }
    }

    @Test("chunk sizes that are not hexadecimal, or too large to hold, are refused")
    func hostileChunkSizes() {
        let prefix = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(failure([prefix + "zz\r\nhello\r\n0\r\n\r\n"])?.kind == .malformedResponse)
        #expect(failure([prefix + "\r\nhello\r\n0\r\n\r\n"])?.kind == .malformedResponse)
        #expect(failure([prefix + "-5\r\nhello\r\n0\r\n\r\n"])?.kind == .malformedResponse)
        #expect(failure([prefix + "1FFFFFFFFFFFFFFFFFFFFFFFF\r\nhello\r\n"])?.kind == .responseTooLarge, "would overflow Int")
        #expect(failure([prefix + "7FFFFFFFFFFFFFF\r\nhello\r\n"])?.kind == .responseTooLarge, "fits Int, past the body limit")
        #expect(failure([prefix + "3\r\nhello\r\n0\r\n\r\n"])?.kind == .malformedResponse, "data longer than its size")
    }

    @Test("a peer that closes early: before answering, in the head, mid-body, before the last chunk")
    func earlyClose() {
        #expect(failure([""])?.kind == .noResponse)
        #expect(failure(["HTTP/1.1 200 OK\r\nContent-Le"])?.kind == .truncatedResponse)
        #expect(failure(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello"])?.kind == .truncatedResponse)
        #expect(failure(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"])?.kind == .truncatedResponse)
        #expect(failure(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nTrailer: cut"])?.kind == .truncatedResponse)
    }

    @Test("what is not HTTP/1.x is refused", arguments: [
        "SSH-2.0-OpenSSH_9.2\r\n\r\n", "HTTP/2 200\r\n\r\n", "HTTP/1.1 2OO OK\r\n\r\n", "HTTP/1.1200 OK\r\n\r\n",
    ])
    func notHTTP(response: String) {
        #expect(failure([response])?.kind == .malformedResponse)
    }

    @Test("heads and bodies past the limits are refused, also from a peer that never stops sending")
    func limits() {
        let limits = HTTP1Connection.Limits(headBytes: 1024, bodyBytes: 4096)
        let longHeader = "HTTP/1.1 200 OK\r\nX-Long: " + String(repeating: "a", count: 2000) + "\r\nContent-Length: 0\r\n\r\n"
        #expect(failure([longHeader], limits: limits)?.kind == .responseTooLarge)
        #expect(failure(["HTTP/1.1 200 OK\r\nContent-Length: 4097\r\n\r\n"], limits: limits)?.kind == .responseTooLarge)
        let chunks = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + String(repeating: "800\r\n" + String(repeating: "x", count: 2048) + "\r\n", count: 3)
        #expect(failure([chunks], limits: limits)?.kind == .responseTooLarge, "the chunks add up past the limit")
        let longChunkLine = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 2000) + "\r\n"
        #expect(failure([longChunkLine], limits: limits)?.kind == .responseTooLarge)

        let endlessHead = HTTP1Connection(stream: ScriptedStream(endless: UInt8(ascii: "a")), limits: limits)
        #expect(throws: TransportError.self) { try endlessHead.exchange(method: "GET", target: "/", headers: host) }
    }

    @Test("a body read to the close stops at the limit")
    func endlessBody() throws {
        let http = HTTP1Connection(stream: ScriptedStream(["HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "b", count: 10_000)], pieceBytes: 512),
                                   limits: .init(headBytes: 1024, bodyBytes: 4096))
        let error = #expect(throws: TransportError.self) { try http.exchange(method: "GET", target: "/", headers: host) }
        #expect(error?.kind == .responseTooLarge)
    }

    @Test("the request head: Host as given, Content-Length for bodies and the methods that carry one")
    func requestHead() throws {
        let stream = ScriptedStream(["HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"])
        let http = HTTP1Connection(stream: stream)
        _ = try http.exchange(method: "GET", target: "/a%20b?x=1", headers: host)
        _ = try http.exchange(method: "POST", target: "/p", headers: host)
        #expect(String(decoding: stream.sent, as: UTF8.self)
            == "GET /a%20b?x=1 HTTP/1.1\r\nHost: peer\r\n\r\nPOST /p HTTP/1.1\r\nHost: peer\r\nContent-Length: 0\r\n\r\n")
        #expect(stream.connections == 1, "both on one kept-alive connection")
    }

    @Test("bytes past the response, which nothing asked for, retire the connection instead of becoming the next answer")
    func unrequestedBytes() throws {
        let stream = ScriptedStream(
            ["HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh"],
            pieceBytes: 4096)
        let http = HTTP1Connection(stream: stream)
        #expect(try http.exchange(method: "GET", target: "/", headers: host).body == Array("1".utf8))
        #expect(!stream.isConnected)
        #expect(try http.exchange(method: "GET", target: "/", headers: host).body == Array("fresh".utf8))
    }

    @Test("Connection: close and HTTP/1.0 close the connection after the response; the next call reconnects")
    func connectionClose() throws {
        for head in ["HTTP/1.1 200 OK\r\nConnection: close", "HTTP/1.0 200 OK"] {
            let stream = ScriptedStream(["\(head)\r\nContent-Length: 1\r\n\r\n1", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2"])
            let http = HTTP1Connection(stream: stream)
            #expect(try http.exchange(method: "GET", target: "/", headers: host).body == Array("1".utf8))
            #expect(!stream.isConnected)
            #expect(try http.exchange(method: "GET", target: "/", headers: host).body == Array("2".utf8))
            #expect(stream.connections == 2)
        }
    }

    @Test("a kept-alive connection found closed is reopened and the request sent once more; a new one is not")
    func idleCloseResend() throws {
        let stream = ScriptedStream(["HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2"])
        let http = HTTP1Connection(stream: stream)
        _ = try http.exchange(method: "GET", target: "/", headers: host)
        #expect(stream.isConnected)
        #expect(try http.exchange(method: "GET", target: "/", headers: host).body == Array("2".utf8))
        #expect(stream.connections == 2)
        let error = #expect(throws: TransportError.self) { try http.exchange(method: "GET", target: "/", headers: host) }
        #expect(error?.kind == .noResponse && error?.isConnectionFailure == true)
        #expect(stream.connections == 3, "a new connection that answers nothing is not retried")
    }
}
