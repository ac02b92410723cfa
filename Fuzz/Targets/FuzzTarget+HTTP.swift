import HTTPTransport
import ScriptedPeer

extension FuzzTarget {
    /// A peer's answer as the one HTTP/1.1 client reads it (the Runtime API loop, every AWS call),
    /// a few bytes at a time, with small limits so that oversized heads and bodies are exercised.
    static let httpResponse = FuzzTarget(
        name: "http-response", summary: "the HTTP/1.1 client's response reader",
        seeds: [
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: application/json\r\n\r\n{\"a\"}",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n0\r\nTrailer: x\r\n\r\n",
            "HTTP/1.0 500 Internal Server Error\r\nConnection: close\r\n\r\nno length, read to the end",
            "HTTP/1.1 204 No Content\r\nLambda-Runtime-Aws-Request-Id: 8476a536\r\nLambda-Runtime-Deadline-Ms: 1542409706888\r\n\r\n",
        ]
    ) { bytes in
        let stream = ScriptedStream(bytes: [bytes], pieceBytes: 7)
        let connection = HTTP1Connection(stream: stream, limits: HTTP1Connection.Limits(headBytes: 2048, bodyBytes: 4096))
        do throws(TransportError) {
            _ = try connection.exchange(method: "GET", target: "/2018-06-01/runtime/invocation/next", headers: [("Host", "fuzz")])
            return .accepted
        } catch {
            return .refused("TransportError")
        }
    }
}
