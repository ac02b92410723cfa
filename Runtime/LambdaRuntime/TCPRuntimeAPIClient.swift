import HTTPTransport
public import LineLogging

/// The Runtime API over one keep-alive TCP connection for the life of the process, speaking
/// HTTP/1.1 through ``HTTP1Connection``, the same client the AWS calls use.
///
/// The Runtime API is plain HTTP on the sandbox's loopback, so the loop needs neither libcurl nor
/// TLS: a function that makes no AWS call (Echo) loads neither libcurl nor OpenSSL, which took
/// 3.9 MB of Echo's 10.5 MB peak memory when the loop connected through libcurl.
public final class TCPRuntimeAPIClient: RuntimeAPIClient {
    private let http: HTTP1Connection
    private let host: String
    private let nextPath = "/2018-06-01/runtime/invocation/next"
    private let invocationBase = "/2018-06-01/runtime/invocation/"
    private let initErrorPath = "/2018-06-01/runtime/init/error"

    /// - Parameter endpoint: the value of `AWS_LAMBDA_RUNTIME_API`, `host:port` (an IPv6 host in
    ///   brackets).
    /// - Throws: ``RuntimeAPIError`` `endpointNotConfigured` when `endpoint` is not `host:port`.
    public init(endpoint: String) throws(RuntimeAPIError) {
        guard let colon = endpoint.lastIndex(of: ":"), let port = Int(endpoint[endpoint.index(after: colon)...]),
            (1...65_535).contains(port), colon > endpoint.startIndex
        else {
            throw RuntimeAPIError(.endpointNotConfigured, "AWS_LAMBDA_RUNTIME_API is \"\(endpoint)\", not host:port")
        }
        // No wait limit once connected: `/next` answers only when there is an invocation.
        let options = TransportOptions(connectTimeoutMilliseconds: 10_000, lowSpeedBytesPerSecond: 0)
        http = HTTP1Connection(stream: TCPConnection(host: String(endpoint[..<colon]), port: port, options: options))
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
