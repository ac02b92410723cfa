public import LineLogging

/// One function's routes: answers a request for a customer, or refuses it with an ``APIError``.
public protocol APIService: Sendable {
    func respond(to request: APIRequest, customer: String, log: LineLogger) throws(APIError) -> APIResponse
}

/// The Lambda side of an ``APIService``: reads the proxy event, derives the customer from the
/// caller's principal, answers with the request id (and the caller's `X-Correlation-Id`) on the
/// answer and on every log line about the request, and turns every refusal into
/// `{"code", "message"}`.
public struct APIFunction<Service: APIService>: Sendable {
    public let service: Service

    public init(service: Service) {
        self.service = service
    }

    /// The proxy response for `event`.
    public func answer(_ event: [UInt8], log: LineLogger) -> [UInt8] {
        guard let request = APIRequest(proxyEvent: event) else {
            log.error("the event is not an API Gateway proxy event")
            return Array(APIResponse(APIError(status: 400, code: "BadRequest", message: "not an API Gateway proxy event")).proxyResponse.utf8)
        }
        var log = log.adding("apiRequestId", request.requestID)
        if let correlation = request.correlationID { log = log.adding("correlationId", correlation) }
        var response: APIResponse
        var customer: String?
        do throws(APIError) {
            let caller = try Tenant.customer(of: request.principalARN)
            customer = caller
            response = try service.respond(to: request, customer: caller, log: log)
        } catch {
            response = APIResponse(error)
            if error.status >= 500 { log.error("refused: \(error.message)", ["code": error.code]) }
        }
        response.headers["X-Request-Id"] = request.requestID
        if let correlation = request.correlationID { response.headers["X-Correlation-Id"] = correlation }
        log.info(
            "\(request.method) \(request.resource) \(response.status)",
            ["customer": customer, "id": request.pathParameters["id"], "status": String(response.status)])
        return Array(response.proxyResponse.utf8)
    }
}

extension APIRequest {
    /// The route as `METHOD resource`, what services switch on.
    var route: String { "\(method) \(resource)" }

    /// The `{id}` path parameter.
    var id: String { pathParameters["id"] ?? "" }

    func unknownRoute() -> APIError {
        APIError(status: 404, code: "NotFound", message: "no route \(method) \(resource)")
    }
}
