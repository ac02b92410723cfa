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

    /// Takes one raw header line; a status line starts a new block (see ``HeaderLine``).
    private func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        HeaderLine.take(line, into: &headers)
    }
}
