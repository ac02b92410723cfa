public import AWS
import Foundation
import Sockets

/// DynamoDB for a process that believes it runs in another region, answered by moto's tables in
/// one home region: a global table whose replicas are one, which moto cannot replicate itself
/// (it keeps each region's tables apart).
///
/// Point a process's `AWS_ENDPOINT_URL_DYNAMODB` here. Each request, signed by the process for
/// its own region, is signed again for `homeRegion` with the same key and forwarded to moto,
/// which checks the new signature as AWS would; the answer goes back unchanged. One connection
/// at a time, one request per connection (`Connection: close` both ways).
public final class GlobalTableRelay: Sendable {
    private let server: LoopbackServer

    public var endpoint: String { "http://127.0.0.1:\(server.port)" }

    public init(upstreamPort: UInt16, homeRegion: String, credentials: AWSCredentials) throws {
        let signer = SigV4Signer(service: "dynamodb", region: homeRegion)
        server = try LoopbackServer { client in
            guard let request = HTTPWire.readRequest(client),
                let resigned = try? Self.resign(request, signer: signer, credentials: credentials),
                let upstream = HTTPWire.connectLoopback(port: upstreamPort)
            else { return }
            HTTPWire.writeAll(upstream.descriptor, resigned)
            HTTPWire.writeAll(client, HTTPWire.inserting("Connection: close", into: HTTPWire.readToEnd(upstream.descriptor)))
        }
    }

    public func stop() {
        server.stop()
    }

    /// The request with a signature for the home region in place of the caller's.
    private static func resign(_ request: HTTPWire.Request, signer: SigV4Signer, credentials: AWSCredentials) throws -> [UInt8] {
        let headLength = Array(request.head.utf8).count + 4
        let body = Array(request.raw[headLength...])
        let requestLine = request.head.split(separator: "\r\n").first.map(String.init) ?? ""
        let parts = requestLine.split(separator: " ")
        let owned = ["authorization", "x-amz-date", "x-amz-security-token", "connection"]
        let kept = request.headers.filter { !owned.contains($0.name.lowercased()) }
        let signed = kept.filter { ["host", "content-type", "x-amz-target"].contains($0.name.lowercased()) }
        let signature = try signer.sign(
            request: SigningRequest(
                method: String(parts[0]), path: String(parts[1]), headers: signed, payloadHash: try PayloadHash.sha256(of: body)),
            credentials: credentials, date: Date())
        let headers = kept + signature + [("Connection", "close")]
        let head = ([requestLine] + headers.map { "\($0.name): \($0.value)" }).joined(separator: "\r\n") + "\r\n\r\n"
        return Array(head.utf8) + body
    }
}
