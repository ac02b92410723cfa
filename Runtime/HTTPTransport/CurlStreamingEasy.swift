import CCurl

/// One libcurl easy handle for transfers whose bodies stream in both directions.
///
/// It reads request bodies from a ``BodyReader`` and hands successful response bodies to a
/// ``BodyWriter`` as they arrive, so object sizes are bounded by neither memory nor a total
/// timeout (the low-speed rule catches stalls). Reusing the handle keeps connections alive; TLS
/// peer and host verification are on unless the options say otherwise, against the options' CA
/// bundle when they name one. One thread at a time.
public final class CurlStreamingEasy {
    private let handle: UnsafeMutableRawPointer
    private let state: StreamingTransferState

    public init(options: TransportOptions = TransportOptions()) throws(TransportError) {
        CurlGlobal.initialise()
        guard let handle = curl_easy_init() else {
            throw TransportError(.setupFailed, "curl_easy_init returned NULL")
        }
        self.handle = handle
        state = StreamingTransferState(handle: handle)
        if let failure = state.install() {
            throw TransportError(curl: failure, detail: nil, context: "setting the transfer callbacks")
        }
        let verify = options.verifiesTLS ? 1 : 0
        let settings: [(CURLoption, Int)] = [
            (CURLOPT_NOSIGNAL, 1),
            (CURLOPT_TCP_NODELAY, 1),
            (CURLOPT_TCP_KEEPALIVE, 1),
            (CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds),
            (CURLOPT_TIMEOUT_MS, options.totalTimeoutMilliseconds),
            (CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedBytesPerSecond),
            (CURLOPT_LOW_SPEED_TIME, options.lowSpeedSeconds),
            (CURLOPT_SSL_VERIFYPEER, verify),
            (CURLOPT_SSL_VERIFYHOST, options.verifiesTLS ? 2 : 0),
            (CURLOPT_UPLOAD_BUFFERSIZE, options.uploadBufferBytes),
        ]
        for (option, value) in settings {
            let code = swcurl_setopt_long(handle, option, value)
            guard code == CURLE_OK else { throw TransportError(curl: code, detail: nil, context: "setting option \(option.rawValue)") }
        }
        if let caBundlePath = options.caBundlePath {
            let code = caBundlePath.withCString { swcurl_setopt_pointer(handle, CURLOPT_CAINFO, $0) }
            guard code == CURLE_OK else {
                throw TransportError(curl: code, detail: nil, context: "setting the CA bundle \(caBundlePath)")
            }
        }
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Sends one request and returns when the response has been received.
    ///
    /// - Parameters:
    ///   - request: method, URL and headers.
    ///   - source: the request body, read as libcurl sends it; `bodyLength` must be its exact size.
    ///   - sink: asked once, at the first byte of the response body, with the status and headers;
    ///     a writer it returns receives the body, otherwise the body is buffered in the response
    ///     (callers return nil for error statuses so the error document can be parsed).
    /// - Returns: status and headers; `body` holds the bytes no writer took.
    public func perform(
        _ request: TransportRequest,
        source: BodyReader? = nil,
        bodyLength: Int64? = nil,
        sink: ((_ status: Int, _ headers: [(name: String, value: String)]) -> BodyWriter?)? = nil
    ) throws(StreamingFailure) -> TransportResponse {
        let length = source == nil ? 0 : (bodyLength ?? -1)
        let headerList = CurlHeaderList(request.headers)
        defer {
            headerList.free()
            state.end()
        }
        state.begin(source: source, chooseSink: sink)
        let code = configure(request, hasBody: source != nil, length: length, headers: headerList)
            ?? curl_easy_perform(handle)
        if let failure = state.failure {
            throw StreamingFailure(underlying: failure, bytesDelivered: state.bytesDelivered)
        }
        guard code == CURLE_OK else {
            throw StreamingFailure(
                underlying: TransportError(curl: code, detail: state.errorDetail, context: "\(request.method) \(request.url)"),
                bytesDelivered: state.bytesDelivered)
        }
        var status = 0
        let infoCode = swcurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        guard infoCode == CURLE_OK else {
            throw StreamingFailure(
                underlying: TransportError(curl: infoCode, detail: nil, context: "reading the response status"),
                bytesDelivered: state.bytesDelivered)
        }
        return TransportResponse(status: status, headers: state.headers, body: state.body)
    }

    /// Sets URL, headers and method for one request; returns the first failing code, if any.
    ///
    /// Every request starts from a plain GET so nothing (HEAD's no-body flag, an upload) leaks from
    /// the previous use of the handle. Bodies always go through the read callback with a known
    /// length, so libcurl sends `Content-Length` and never chunks.
    private func configure(
        _ request: TransportRequest, hasBody: Bool, length: Int64, headers: CurlHeaderList
    ) -> CURLcode? {
        var codes: [CURLcode] = [
            request.url.withCString { swcurl_setopt_pointer(handle, CURLOPT_URL, $0) },
            swcurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers.pointer)),
            swcurl_setopt_long(handle, CURLOPT_NOBODY, 0),
            swcurl_setopt_long(handle, CURLOPT_HTTPGET, 1),
            swcurl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, nil),
        ]
        let sendsBody = hasBody || request.method == "PUT" || request.method == "POST" || request.method == "PATCH"
        if request.method == "HEAD" {
            codes.append(swcurl_setopt_long(handle, CURLOPT_NOBODY, 1))
        } else if sendsBody {
            codes.append(swcurl_setopt_long(handle, CURLOPT_UPLOAD, 1))
            codes.append(swcurl_setopt_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(max(length, 0))))
        }
        if request.method != "GET", request.method != "HEAD", !(sendsBody && request.method == "PUT") {
            codes.append(request.method.withCString { swcurl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, $0) })
        }
        return codes.first { $0 != CURLE_OK }
    }
}
