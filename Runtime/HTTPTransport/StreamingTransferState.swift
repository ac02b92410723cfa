import CCurl

/// What libcurl's read, write and header callbacks work on during one streaming transfer.
///
/// libcurl calls C function pointers with a `void *` user pointer; the state passes itself through
/// that pointer unretained, which is safe because the `CurlStreamingEasy` that owns it outlives
/// every transfer. Errors thrown by the source or sink cannot cross the C frames, so they are kept
/// in `failure` and the callback returns the value that makes libcurl abort.
final class StreamingTransferState {
    typealias SinkChooser = (_ status: Int, _ headers: [(name: String, value: String)]) -> BodyWriter?

    private(set) var headers: [(name: String, value: String)] = []
    private(set) var body: [UInt8] = []
    private(set) var failure: (any Error)?
    private(set) var bytesDelivered: Int64 = 0
    private var source: BodyReader?
    private var chooseSink: SinkChooser?
    private var sink: BodyWriter?
    private var sinkChosen = false
    private let handle: UnsafeMutableRawPointer
    /// libcurl writes its error text here during a transfer, so the buffer must not move.
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
    }

    var errorDetail: String? {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? nil : detail
    }

    /// Prepares for the next transfer and drops every reference kept from the previous one.
    func begin(source: BodyReader?, chooseSink: SinkChooser?) {
        headers.removeAll(keepingCapacity: true)
        body.removeAll(keepingCapacity: true)
        failure = nil
        bytesDelivered = 0
        self.source = source
        self.chooseSink = chooseSink
        sink = nil
        sinkChosen = false
        errorBuffer[0] = 0
    }

    func end() {
        source = nil
        chooseSink = nil
        sink = nil
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let source else { return 0 }
        do {
            return try source(buffer)
        } catch {
            failure = error
            return Int(CURL_READFUNC_ABORT)
        }
    }

    /// Hands body bytes on. The sink is chosen at the first byte, when the status and headers of
    /// the final response are known, so error bodies can be kept for parsing instead of streamed.
    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        if !sinkChosen {
            sinkChosen = true
            var status = 0
            _ = swcurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            sink = chooseSink?(status, headers)
        }
        guard let sink else {
            body.append(contentsOf: bytes)
            return bytes.count
        }
        do {
            try sink(bytes)
            bytesDelivered += Int64(bytes.count)
            return bytes.count
        } catch {
            failure = error
            return 0
        }
    }

    /// Takes one raw header line; a status line starts a new block (see ``HeaderLine``).
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        HeaderLine.take(line, into: &headers)
    }

    /// Installs the three callbacks with this state as their user pointer.
    func install() -> CURLcode? {
        let me = Unmanaged.passUnretained(self).toOpaque()
        let codes = [
            swcurl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, { data, size, count, user in
                guard let data, let user else { return 0 }
                let state = Unmanaged<StreamingTransferState>.fromOpaque(user).takeUnretainedValue()
                return state.write(UnsafeRawBufferPointer(start: data, count: size * count))
            }),
            swcurl_setopt_pointer(handle, CURLOPT_WRITEDATA, me),
            swcurl_setopt_callback(handle, CURLOPT_READFUNCTION, { data, size, count, user in
                guard let data, let user else { return Int(CURL_READFUNC_ABORT) }
                let state = Unmanaged<StreamingTransferState>.fromOpaque(user).takeUnretainedValue()
                return state.read(into: UnsafeMutableRawBufferPointer(start: data, count: size * count))
            }),
            swcurl_setopt_pointer(handle, CURLOPT_READDATA, me),
            swcurl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, { data, size, count, user in
                let bytes = size * count
                guard let data, let user else { return bytes }
                let state = Unmanaged<StreamingTransferState>.fromOpaque(user).takeUnretainedValue()
                state.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: bytes))
                return bytes
            }),
            swcurl_setopt_pointer(handle, CURLOPT_HEADERDATA, me),
            swcurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
        ]
        return codes.first { $0 != CURLE_OK }
    }
}
