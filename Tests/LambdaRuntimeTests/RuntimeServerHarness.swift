import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

/// A Runtime API server on 127.0.0.1 with a free port, whose behaviour each test passes in, and which
/// records every request it receives.
final class RuntimeServerHarness: Sendable {
    struct Received: Sendable {
        let method: String
        let path: String
        let headers: HTTPFields
        let body: String
    }

    private let received = Mutex<[Received]>([])

    var requests: [Received] { received.withLock { $0 } }

    /// Runs `body` with the port of a server routed by `configure`, and stops the server after.
    static func with(
        _ configure: @Sendable (Router<BasicRequestContext>, RuntimeServerHarness) -> Void,
        _ body: (Int, RuntimeServerHarness) async throws -> Void
    ) async throws {
        let harness = RuntimeServerHarness()
        let router = Router()
        router.middlewares.add(Recorder(harness: harness))
        configure(router, harness)
        var logger = Logger(label: "test-runtime-api")
        logger.logLevel = .critical
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let server = Task { try await app.run() }
        defer { server.cancel() }
        var ports = portStream.makeAsyncIterator()
        let port = try #require(await ports.next())
        try await offCooperativePool { try await body(port, harness) }
    }

    fileprivate func record(_ request: Received) {
        received.withLock { $0.append(request) }
    }

    /// Collects each request's body, records it, and hands the request on with the body in memory.
    private struct Recorder: RouterMiddleware {
        let harness: RuntimeServerHarness

        func handle(_ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
            var request = request
            let body = try await request.collectBody(upTo: 8 * 1024 * 1024)
            harness.record(Received(
                method: request.method.rawValue, path: request.uri.path, headers: request.headers, body: String(buffer: body)))
            return try await next(request, context)
        }
    }
}

extension Response {
    static func json(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension HTTPField.Name {
    static func named(_ name: String) -> HTTPField.Name { HTTPField.Name(name)! }
}
