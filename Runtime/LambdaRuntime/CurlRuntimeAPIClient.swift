public import CurlHTTP

/// The Runtime API over one reused libcurl handle, so every call after the first rides the same
/// keep-alive connection.
public final class CurlRuntimeAPIClient: RuntimeAPIClient {
    private let curl: CurlEasy
    private let nextURL: String
    private let invocationBase: String
    private let initErrorURL: String

    /// - Parameter endpoint: the value of `AWS_LAMBDA_RUNTIME_API`, `host:port`.
    public init(endpoint: String) throws(CurlError) {
        let base = "http://\(endpoint)/2018-06-01/runtime"
        curl = try CurlEasy(timeouts: .none)
        nextURL = base + "/invocation/next"
        invocationBase = base + "/invocation/"
        initErrorURL = base + "/init/error"
    }

    public func nextInvocation(logger: LambdaLogger) throws -> Invocation {
        let response = try call(CurlRequest(method: "GET", url: nextURL), expecting: 200, during: "GET /next")
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
        _ = try call(errorRequest(url: initErrorURL, report), expecting: 202, during: "POST /init/error")
    }

    private func errorRequest(url: String, _ report: ErrorReport) -> CurlRequest {
        CurlRequest(
            method: "POST", url: url,
            headers: [("Content-Type", "application/json"), ("Lambda-Runtime-Function-Error-Type", report.category)],
            body: report.json)
    }

    private func call(_ request: CurlRequest, expecting status: Int, during step: String) throws -> CurlResponse {
        let response: CurlResponse
        do {
            response = try curl.perform(request)
        } catch {
            let code: RuntimeAPIError.Code = error.isConnectionFailure ? .connectionFailed : .unexpectedStatus(0)
            throw RuntimeAPIError(code, "\(step) failed: \(error)")
        }
        guard response.status == status else {
            let body = String(decoding: response.body.prefix(512), as: UTF8.self)
            throw RuntimeAPIError(
                .unexpectedStatus(response.status), "\(step) answered HTTP \(response.status): \(body)")
        }
        return response
    }
}
