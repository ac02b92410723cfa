import HTTPTransport
import Glibc
import Sockets
import Testing
import MotoPeer

/// The in-memory exchange that API calls use, over a real loopback socket against a server whose
/// framing and connection handling the test chooses (moto always sends `Content-Length` and closes).
@Suite("HTTP/1.1 exchange")
struct HTTP1ConnectionTests {
    @Test("chunked and Content-Length bodies on one kept-alive connection; an idle close is survived once")
    func framingAndReuse() throws {
        let connections = Counter()
        let requests = Counter()
        try LoopbackServer.with(handler: { client in
            let connection = connections.increment()
            while let request = HTTPWire.readRequest(client) {
                let number = requests.increment()
                switch number {
                case 1:
                    HTTPWire.writeAll(client, Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nchu\r\n4;x=y\r\nnked\r\n0\r\n\r\n".utf8))
                case 2:
                    let body = request.header("X-Echo") ?? ""
                    HTTPWire.writeAll(client, Array("HTTP/1.1 201 Created\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8))
                    return  // the server drops the idle connection: the next request finds it closed
                default:
                    HTTPWire.writeAll(client, Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nconnection \(connection)".utf8))
                    return
                }
            }
        }) { server throws in
            let http = HTTP1Connection(stream: TCPConnection(host: "127.0.0.1", port: Int(server.port)))
            let headers = [(name: "Host", value: "127.0.0.1:\(server.port)")]
            let first = try http.exchange(method: "GET", target: "/a", headers: headers)
            #expect(first.status == 200 && first.body == Array("chunked".utf8))
            let second = try http.exchange(method: "PUT", target: "/b", headers: headers + [("X-Echo", "kept alive")], body: [1, 2])
            #expect(second.status == 201 && second.body == Array("kept alive".utf8))
            #expect(connections.value == 1, "the second request reused the connection")
            let third = try http.exchange(method: "GET", target: "/c", headers: headers)
            #expect(third.body == Array("connection 2".utf8), "sent again on a new connection, body read to the close")
            #expect(requests.value == 3)
            #expect(!http.stream.isConnected)
        }
    }

    @Test("a peer that answers nothing on a new connection is reported, not retried")
    func noAnswer() throws {
        let requests = Counter()
        try LoopbackServer.with(handler: { client in
            if HTTPWire.readRequest(client) != nil { requests.increment() }
        }) { server throws in
            let http = HTTP1Connection(stream: TCPConnection(host: "127.0.0.1", port: Int(server.port)))
            let error = #expect(throws: TransportError.self) {
                try http.exchange(method: "GET", target: "/", headers: [("Host", "127.0.0.1")])
            }
            #expect(error?.kind == .noResponse)
            #expect(error?.isConnectionFailure == true)
            #expect(requests.value == 1)
        }
    }

    @Test("a refused connection is a connection failure")
    func refused() throws {
        // A socket bound but not listening holds the port, so no other test's server can take it.
        let holder = try TCPListener(backlog: nil)
        defer { withExtendedLifetime(holder) {} }
        let http = HTTP1Connection(stream: TCPConnection(host: "127.0.0.1", port: Int(holder.port)))
        let error = #expect(throws: TransportError.self) { try http.exchange(method: "GET", target: "/", headers: []) }
        #expect(error?.kind == .couldNotConnect)
    }
}
