import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StateMachine

/// The template's REST APIs on a local port, as API Gateway serves them: each request becomes the
/// Lambda proxy event of its route, `AWS_IAM` routes take only requests signed (SigV4) by a key
/// of ``CallerCredentials`` and hand the caller's identity to the function, and the function's
/// answer becomes the HTTP answer. What API Gateway answers itself it answers the same way:
/// 403 for an undefined route or a missing, expired or wrong signature, 413 past 10 MB, 502 for
/// a function that fails or answers something other than a proxy response.
public struct LocalAPIGateway: Sendable {
    public let apis: [RestAPI]
    public let host: LambdaHost
    public let callers: CallerCredentials
    /// The region signatures must be scoped to.
    public let region: String
    /// Told about every request once it is answered.
    public let onRequest: @Sendable (RequestRecord) -> Void

    /// API Gateway's limit on a request's body.
    public static let bodyLimit = 10 * 1024 * 1024

    /// One answered request, for the log.
    public struct RequestRecord: Sendable {
        public let requestID: String
        public let method: String
        public let path: String
        public let status: Int
        public let milliseconds: Int
        /// The signer's principal, for an `AWS_IAM` route.
        public let caller: String?
        /// The caller's `X-Correlation-Id`, if it sent one.
        public let correlationID: String?
    }

    public init(
        host: LambdaHost, wiring: EventWiring, callers: CallerCredentials, region: String,
        onRequest: @escaping @Sendable (RequestRecord) -> Void = { _ in }
    ) {
        self.host = host
        self.region = region
        apis = RestAPI.all(in: host.template, wiring: wiring)
        self.callers = callers
        self.onRequest = onRequest
    }

    /// Serves until the task is cancelled.
    /// - Parameter onListening: called with the bound port once the server accepts connections.
    public func run(hostname: String = "127.0.0.1", port: Int, onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            await response(to: request)
        }
        try await serveLocalAPI(responder, label: "api-gateway", hostname: hostname, port: port, onListening: onListening)
    }

    private func response(to request: Request) async -> Response {
        let started = ContinuousClock.now
        let requestID = UUID().uuidString.lowercased()
        let (rawPath, rawQuery) = (request.uri.path, request.uri.query ?? "")
        let path = rawPath.removingPercentEncoding ?? rawPath
        var answer: GatewayAnswer
        var caller: String?
        do {
            let body = Array(try await request.body.collect(upTo: Self.bodyLimit).readableBytesView)
            // HTTPTypes keeps Host as the request's authority, not among its header fields.
            let host = request.head.authority.map { [(name: "Host", value: $0)] } ?? []
            let gatewayRequest = GatewayRequest(
                method: request.method.rawValue, path: path, query: Self.queryItems(rawQuery),
                headers: host + request.headers.map { ($0.name.rawName, $0.value) }, body: body, sourceIP: "127.0.0.1")
            (answer, caller) = await handle(gatewayRequest, requestID: requestID)
        } catch {
            answer = GatewayError.requestTooLong.answer
        }
        answer.headers.append(("x-amzn-RequestId", requestID))
        let elapsed = started.duration(to: .now)
        onRequest(RequestRecord(
            requestID: requestID, method: request.method.rawValue, path: path, status: answer.status,
            milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000), caller: caller,
            correlationID: request.headers[HTTPField.Name("X-Correlation-Id")!]))
        var fields = HTTPFields()
        for header in answer.headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// The answer to one request and the principal that signed it (for an `AWS_IAM` route).
    func handle(_ request: GatewayRequest, requestID: String, now: Date = Date()) async -> (GatewayAnswer, String?) {
        guard let (api, route, parameters) = route(for: request) else { return (GatewayError.missingAuthenticationToken.answer, nil) }
        var caller: CallerCredentials.Caller?
        if route.authorization == .iam {
            switch SignatureCheck(callers: callers, region: region).caller(of: request, now: now) {
            case .success(let found): caller = found
            case .failure(let error): return (error.answer, nil)
            }
        }
        let event = ProxyEvent(
            api: api, route: route, pathParameters: parameters, request: request, caller: caller, requestID: requestID,
            accountID: host.template.resources.values.first?.accountID ?? "123456789012", now: now)
        let result: InvocationResult
        do {
            result = try await host.invoke(route.function, payload: Array(event.json.serialized().utf8))
        } catch {
            return (error.code == .payloadTooLarge ? GatewayError.requestTooLong.answer : GatewayError.internalError.answer, caller?.principalARN)
        }
        guard result.succeeded, let answer = ProxyAnswer.answer(from: result.payload) else {
            return (GatewayError.internalError.answer, caller?.principalARN)
        }
        return (answer, caller?.principalARN)
    }

    private func route(for request: GatewayRequest) -> (RestAPI, RestAPI.Route, [String: String])? {
        for api in apis {
            if let (route, parameters) = api.route(method: request.method, path: request.path) { return (api, route, parameters) }
        }
        return nil
    }

    /// Decoded query items in request order; `a` alone is `a=` as API Gateway reads it.
    static func queryItems(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in text.removingPercentEncoding ?? String(text) }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}

/// One HTTP request as the gateway reads it: decoded path and query, headers in order, the body.
struct GatewayRequest: Sendable {
    var method: String
    var path: String
    var query: [(name: String, value: String)]
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    var sourceIP: String
}
