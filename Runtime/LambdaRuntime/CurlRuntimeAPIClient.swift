public import HTTPTransport
public import LineLogging

/// The Runtime API over one keep-alive connection for the life of the process: libcurl connects
/// (`CONNECT_ONLY`) and ``HTTP1Connection`` speaks HTTP/1.1 over it, the same client the AWS calls
/// use.
public final class CurlRuntimeAPIClient: RuntimeAPIClient {
    private let http: HTTP1Connection
    private let host: String
    private let nextPath = "/2018-06-01/runtime/invocation/next"
    private let invocationBase = "/2018-06-01/runtime/invocation/"
    private let initErrorPath = "/2018-06-01/runtime/init/error"

    /// - Parameter endpoint: the value of `AWS_LAMBDA_RUNTIME_API`, `host:port`.
    public init(endpoint: String) throws(TransportError) {
        http = HTTP1Connection(stream: try CurlConnection(url: "http://\(endpoint)"))
        host = endpoint
    }

    public func nextInvocation(logger: LambdaLogger) throws -> Invocation {
        let response = try call("GET", nextPath, expecting: 200, during: "GET /next")
        var fields = InvocationHeaders()
        for (name, value) in response.headers {
            fields.take(name: name, value: value)
        }
        return try fields.invocation(event: response.body, logger: logger)
    }

    public func sendResponse(_ response: LambdaResponse, requestID: String) throws {
        _ = try call(
            "POST", invocationBase + requestID + "/response", headers: [("Content-Type", response.contentType)],
            body: response.body, expecting: 202, during: "POST /response for \(requestID)")
    }

    public func sendError(_ report: ErrorReport, requestID: String) throws {
        try postError(report, to: invocationBase + requestID + "/error", during: "POST /error for \(requestID)")
    }

    public func sendInitError(_ report: ErrorReport) throws {
        try postError(report, to: initErrorPath, during: "POST /init/error")
    }

    private func postError(_ report: ErrorReport, to path: String, during step: String) throws {
        _ = try call(
            "POST", path,
            headers: [("Content-Type", "application/json"), ("Lambda-Runtime-Function-Error-Type", report.category)],
            body: report.json, expecting: 202, during: step)
    }

    /// One exchange with the Runtime API at `path`.
    private func call(
        _ method: String, _ path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        expecting status: Int, during step: String
    ) throws -> TransportResponse {
        let response: TransportResponse
        do throws(TransportError) {
            response = try http.exchange(method: method, target: path, headers: [("Host", host)] + headers, body: body)
        } catch where !error.isConnectionFailure {
            throw RuntimeAPIError(.unexpectedStatus(0), "\(step) failed: \(error)")
        } catch {
            throw RuntimeAPIError(.connectionFailed, "\(step) failed: \(error)")
        }
        guard response.status == status else {
            let body = String(decoding: response.body.prefix(512), as: UTF8.self)
            throw RuntimeAPIError(
                .unexpectedStatus(response.status), "\(step) answered HTTP \(response.status): \(body)")
        }
        return response
    }
}
