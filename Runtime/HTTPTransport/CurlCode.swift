import CCurl

extension TransportError {
    /// The transport error for a libcurl code; `detail` is the handle's error buffer when libcurl
    /// wrote one, else libcurl's description of the code with `context`.
    init(curl code: CURLcode, detail: String?, context: String) {
        let summary = String(cString: curl_easy_strerror(code))
        let text = detail.flatMap { $0.isEmpty ? nil : $0 } ?? summary
        self.init(Self.kind(of: code), "\(context): \(text)", curlCode: Int32(bitPattern: code.rawValue))
    }

    private static func kind(of code: CURLcode) -> Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .couldNotResolve
        case CURLE_COULDNT_CONNECT: .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_SEND_ERROR, CURLE_SEND_FAIL_REWIND: .sendFailed
        case CURLE_RECV_ERROR: .receiveFailed
        case CURLE_GOT_NOTHING: .noResponse
        case CURLE_PARTIAL_FILE: .truncatedResponse
        case CURLE_WEIRD_SERVER_REPLY: .malformedResponse
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH: .certificateRejected
        case CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2, CURLE_HTTP2_STREAM: .protocolFailure
        case CURLE_FAILED_INIT, CURLE_OUT_OF_MEMORY, CURLE_UNKNOWN_OPTION, CURLE_BAD_FUNCTION_ARGUMENT: .setupFailed
        default: .other
        }
    }
}
