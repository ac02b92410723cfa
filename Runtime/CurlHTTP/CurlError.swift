public import CCurl

/// A failed libcurl call: the `CURLcode`, libcurl's own description of it, and the detail from the
/// handle's error buffer when there is one.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    public let code: CURLcode
    public let detail: String?

    public init(code: CURLcode, detail: String?) {
        self.code = code
        self.detail = detail
    }

    /// True when no HTTP exchange happened because the peer could not be reached or dropped the
    /// connection: the failures a caller may retry without risk of doing the work twice on a GET.
    public var isConnectionFailure: Bool {
        [CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
         CURLE_GOT_NOTHING, CURLE_OPERATION_TIMEDOUT].contains(code)
    }

    public var description: String {
        let summary = String(cString: curl_easy_strerror(code))
        guard let detail, !detail.isEmpty else { return "curl error \(code.rawValue): \(summary)" }
        return "curl error \(code.rawValue): \(summary) (\(detail))"
    }
}
