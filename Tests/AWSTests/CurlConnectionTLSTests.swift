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
                for _ in 0..<3 {
                    let response = try http.exchange(method: "GET", target: "/", headers: [("Host", "127.0.0.1:\(port)")])
                    #expect(response.header("content-length") != nil, "an answer (moto refuses unsigned calls) the proxy keeps alive")
                    #expect(Self.establishedConnections(toPort: port) == 1)
                    connection.drop()
                    #expect(Self.establishedConnections(toPort: port) == 0)
                }
                #expect(endpoint.proxy.connections == 3)
            }
        }

        /// Sockets of this process connected to `port` on the loopback (state 01, ESTABLISHED, in
        /// `/proc/net/tcp`, matched to this process's descriptors by inode, so other processes'
        /// connections do not count); a closed one leaves that state at once.
        static func establishedConnections(toPort port: UInt16) -> Int {
            let table = String(decoding: FileHandle(forReadingAtPath: "/proc/net/tcp")?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
            let remote = "0100007F:" + String(format: "%04X", port)
            let ours = Set(
                ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { descriptor in
                    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + descriptor))
                        .flatMap { $0.hasPrefix("socket:[") ? String($0.dropFirst(8).dropLast()) : nil }
                })
            return table.split(separator: "\n").dropFirst().filter { line in
                let fields = line.split(separator: " ")
                return fields.count > 9 && fields[2] == remote && fields[3] == "01" && ours.contains(String(fields[9]))
            }.count
        }
    }
}
