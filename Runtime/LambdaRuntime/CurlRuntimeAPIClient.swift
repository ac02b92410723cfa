public import CurlHTTP
public import LineLogging

/// The Runtime API over one libcurl handle and the one keep-alive connection it holds for the life
/// of the process.
public final class CurlRuntimeAPIClient: RuntimeAPIClient {
    private let http: HTTP1Exchange
    private let nextPath = "/2018-06-01/runtime/invocation/next"
    private let invocationBase = "/2018-06-01/runtime/invocation/"
    private let initErrorPath = "/2018-06-01/runtime/init/error"

    /// - Parameter endpoint: the value of `AWS_LAMBDA_RUNTIME_API`, `host:port`.
    public init(endpoint: String) throws(CurlError) {
        http = try HTTP1Exchange(endpoint: endpoint)
    }

    public func nextInvocation(logger: LambdaLogger) throws -> Invocation {
        let response = try call(CurlRequest(method: "GET", url: nextPath), expecting: 200, during: "GET /next")
        var fields = InvocationHeaders()
        for (name, value) in response.headers {
            fields.take(name: name, value: value)
        }
        return try fields.invocation(event: response.body, logger: logger)
    }

    public func sendResponse(_ response: LambdaResponse, requestID: String) throws {
        let request = CurlRequest(
            method: "POST", url: invocationBase + requestID + "/response",
            headers: [("Content-Type", response.contentType)], body: response.body)
        _ = try call(request, expecting: 202, during: "POST /response for \(requestID)")
    }

    public func sendError(_ report: ErrorReport, requestID: String) throws {
        _ = try call(errorRequest(url: invocationBase + requestID + "/error", report), expecting: 202,
                     during: "POST /error for \(requestID)")
    }

    public func sendInitError(_ report: ErrorReport) throws {
        _ = try call(errorRequest(url: initErrorPath, report), expecting: 202, during: "POST /init/error")
    }

    private func errorRequest(url: String, _ report: ErrorReport) -> CurlRequest {
        CurlRequest(
            method: "POST", url: url,
            headers: [("Content-Type", "application/json"), ("Lambda-Runtime-Function-Error-Type", report.category)],
            body: report.json)
    }

    /// One exchange; `request.url` is the path on the Runtime API.
    private func call(_ request: CurlRequest, expecting status: Int, during step: String) throws -> CurlResponse {
        let response: CurlResponse
        do {
            response = try http.exchange(request.method, request.url, headers: request.headers, body: request.body)
        } catch let error as CurlError where !error.isConnectionFailure {
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
