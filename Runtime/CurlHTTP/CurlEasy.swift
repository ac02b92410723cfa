import CCurl

/// One libcurl easy handle, owned by Swift and reused for every request made through it.
///
/// Reusing the handle keeps the connection alive between requests, which is what makes a
/// Runtime API loop cheap: no new TCP connection and no option set-up per invocation.
/// A handle is used by one thread at a time, so the type is deliberately not `Sendable`.
public final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    private let sink = ResponseSink()

    /// Creates a handle with the options every request shares.
    /// - Parameter timeouts: limits applied to every request; `.none` never times out, which is what
    ///   the Runtime API's `/next` long poll needs.
    public init(timeouts: CurlTimeouts = .none) throws(CurlError) {
        CurlGlobal.initialise()
        guard let handle = curl_easy_init() else {
            throw CurlError(code: CURLE_FAILED_INIT, detail: "curl_easy_init returned NULL")
        }
        self.handle = handle
        try sink.install(on: handle)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_TCP_NODELAY, 1)
        try set(CURLOPT_CONNECTTIMEOUT_MS, timeouts.connectMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, timeouts.totalMilliseconds)
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Sends one request and waits for the whole response.
    public func perform(_ request: CurlRequest) throws(CurlError) -> CurlResponse {
        let headerList = CurlHeaderList(request.headers)
        defer { headerList.free() }
        try set(CURLOPT_URL, string: request.url)
        try set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headerList.pointer))
        sink.reset()
        let code: CURLcode = request.body.withUnsafeBytes { body in
            if let failure = configureMethod(request.method, body: body) { return failure }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else { throw CurlError(code: code, detail: sink.errorDetail) }
        var status = 0
        try check(swcurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status))
        return CurlResponse(status: status, headers: sink.headers, body: sink.body)
    }

    private func configureMethod(_ method: String, body: UnsafeRawBufferPointer) -> CURLcode? {
        let codes: [CURLcode]
        switch method {
        case "GET":
            codes = [swcurl_setopt_long(handle, CURLOPT_HTTPGET, 1)]
        default:
            codes = [
                swcurl_setopt_long(handle, CURLOPT_POST, 1),
                swcurl_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
                swcurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, body.baseAddress ?? UnsafeRawPointer(emptyBody.utf8Start)),
                method == "POST"
                    ? swcurl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, nil)
                    : method.withCString { swcurl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, $0) },
            ]
        }
        return codes.first { $0 != CURLE_OK }
    }

    private func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(swcurl_setopt_long(handle, option, value))
    }

    private func set(_ option: CURLoption, string: String) throws(CurlError) {
        // libcurl copies string options (since 7.17), so the temporary C string may go away after.
        try check(string.withCString { swcurl_setopt_pointer(handle, option, $0) })
    }

    private func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(CurlError) {
        try check(swcurl_setopt_pointer(handle, option, pointer))
    }

    private func check(_ code: CURLcode) throws(CurlError) {
        guard code == CURLE_OK else { throw CurlError(code: code, detail: nil) }
    }
}

/// A non-NULL address for an empty POST body: with NULL, libcurl would read the body from stdin.
private let emptyBody: StaticString = ""

/// Connection and transfer limits for a handle, in milliseconds; zero means no limit.
public struct CurlTimeouts: Sendable {
    public var connectMilliseconds: Int
    public var totalMilliseconds: Int

    public init(connectMilliseconds: Int, totalMilliseconds: Int) {
        self.connectMilliseconds = connectMilliseconds
        self.totalMilliseconds = totalMilliseconds
    }

    /// No limit on the transfer; connecting still gives up after 10 seconds.
    public static let none = CurlTimeouts(connectMilliseconds: 10_000, totalMilliseconds: 0)
}

/// Process-wide libcurl initialisation, done once before the first handle.
enum CurlGlobal {
    private static let initialised: Bool = {
        // SSL is left to initialise itself on first use (OpenSSL 3 does), so a process that only talks
        // plain HTTP to the Runtime API never pays for loading the TLS configuration at start-up.
        curl_global_init(Int(CURL_GLOBAL_NOTHING)) == CURLE_OK
    }()

    static func initialise() { _ = initialised }
}
