import CCurl

extension CurlError {
    /// True for failures where sending the same request again may succeed: the connection could not
    /// be made, broke, timed out or stalled, or the TLS handshake failed. (`isConnectionFailure`
    /// plus the ways a reused or streaming connection can die mid-transfer.)
    public var isTransient: Bool {
        isConnectionFailure
            || [CURLE_SEND_FAIL_REWIND, CURLE_PARTIAL_FILE, CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2,
                CURLE_HTTP2_STREAM, CURLE_COULDNT_RESOLVE_PROXY].contains(code)
    }
}
