import HTTPTransport
import Foundation
import MotoPeer
import Testing

extension MotoSuite {
    /// libcurl's CONNECT_ONLY connection under the HTTPS exchange, used directly.
    @Suite("CurlConnection over TLS")
    struct CurlConnectionTLSTests {
        let fixture: MotoFixture

        init() throws {
            fixture = try MotoFixture.get()
        }

        @Test("dropping a connection closes its socket, so reconnecting leaves none behind")
        func droppedConnectionsClose() throws {
            try TLSEndpoint.with(fixture) { endpoint in
                let port = endpoint.proxy.port
                let connection = try CurlConnection(
                    url: endpoint.proxy.endpoint, options: TransportOptions(caBundlePath: endpoint.authority.bundlePath))
                let http = HTTP1Connection(stream: connection)
                // Sockets to this port number from before the test (an earlier proxy's, still
                // closing, may have had the same port) are not this connection's.
                let earlier = Self.establishedConnections(toPort: port)
                for _ in 0..<3 {
                    let response = try http.exchange(method: "GET", target: "/", headers: [("Host", "127.0.0.1:\(port)")])
                    #expect(response.header("content-length") != nil, "an answer (moto refuses unsigned calls) the proxy keeps alive")
                    #expect(Self.establishedConnections(toPort: port).subtracting(earlier).count == 1)
                    connection.drop()
                    #expect(Self.establishedConnections(toPort: port).subtracting(earlier).isEmpty)
                }
                #expect(endpoint.proxy.connections == 3)
            }
        }

        /// The inodes of this process's sockets connected to `port` on the loopback (state 01,
        /// ESTABLISHED, in `/proc/net/tcp`, matched to this process's descriptors by inode, so
        /// other processes' connections do not count); a closed one leaves that state at once.
        static func establishedConnections(toPort port: UInt16) -> Set<String> {
            let table = String(decoding: FileHandle(forReadingAtPath: "/proc/net/tcp")?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
            let remote = "0100007F:" + String(format: "%04X", port)
            let ours = Set(
                ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { descriptor in
                    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + descriptor))
                        .flatMap { $0.hasPrefix("socket:[") ? String($0.dropFirst(8).dropLast()) : nil }
                })
            return Set(table.split(separator: "\n").dropFirst().compactMap { line in
                let fields = line.split(separator: " ")
                let matches = fields.count > 9 && fields[2] == remote && fields[3] == "01" && ours.contains(String(fields[9]))
                return matches ? String(fields[9]) : nil
            })
        }
    }
}
