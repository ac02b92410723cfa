import CCurl

/// Collects what libcurl hands its callbacks during one transfer: the status line's headers and the body.
///
/// libcurl calls C function pointers with a `void *` user pointer; the sink passes itself through
/// that pointer unretained, which is safe because the `CurlEasy` that owns the sink outlives every
/// transfer it performs.
final class ResponseSink {
    private(set) var headers: [(name: String, value: String)] = []
    private(set) var body: [UInt8] = []
    /// libcurl writes its error text here during a transfer, so the buffer must not move: it is
    /// allocated once and freed with the sink.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init() {
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
    }

    var errorDetail: String? {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? nil : detail
    }

    func reset() {
        headers.removeAll(keepingCapacity: true)
        body.removeAll(keepingCapacity: true)
        errorBuffer[0] = 0
    }

    func install(on handle: UnsafeMutableRawPointer) throws(CurlError) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        let codes = [
            swcurl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, { data, size, count, user in
                let bytes = size * count
                guard let data, let user else { return bytes }
                let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
                sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: bytes))
                return bytes
            }),
            swcurl_setopt_pointer(handle, CURLOPT_WRITEDATA, me),
            swcurl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, { data, size, count, user in
                let bytes = size * count
                guard let data, let user else { return bytes }
                let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
                sink.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: bytes))
                return bytes
            }),
            swcurl_setopt_pointer(handle, CURLOPT_HEADERDATA, me),
            swcurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
        ]
        if let failure = codes.first(where: { $0 != CURLE_OK }) {
            throw CurlError(code: failure, detail: "setting the response callbacks failed")
        }
    }

    /// Takes one raw header line. A status line starts a new header block (after a `100 Continue`
    /// or a redirect), so only the final response's headers are kept.
    private func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        if line.starts(with: "HTTP/".utf8) {
            headers.removeAll(keepingCapacity: true)
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
        headers.append((name, value.trimmingHTTPWhitespace()))
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    func trimmingHTTPWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r\n" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
