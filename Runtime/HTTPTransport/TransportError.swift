/// A failed exchange below HTTP: the peer could not be reached, the connection broke or stalled, TLS
/// refused the peer, or what came back is not a well-framed HTTP/1.1 response.
///
/// `kind` is what callers decide on (retry, report, give up); `detail` says what happened in
/// words; `curlCode` is libcurl's `CURLcode` when the failure came from libcurl, for diagnosis.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case couldNotResolve
        case couldNotConnect
        /// No progress within the wait limit, connecting or exchanging.
        case timedOut
        case sendFailed
        case receiveFailed
        /// The peer closed the connection before any byte of the response.
        case noResponse
        /// The peer closed the connection part-way through the response.
        case truncatedResponse
        /// The bytes received are not a valid HTTP/1.1 response (status line, headers, framing).
        case malformedResponse
        /// The response head or body is larger than this client accepts.
        case responseTooLarge
        /// TLS refused the peer: its certificate did not verify or names another host, or the CA
        /// bundle could not be read.
        case certificateRejected
        /// The TLS handshake or an HTTP/2 stream failed.
        case protocolFailure
        /// Setting up the connection or transfer failed locally (out of memory, a bad option).
        case setupFailed
        /// A failure libcurl reported that fits none of the above.
        case other
    }

    public let kind: Kind
    public let detail: String
    /// libcurl's code, when libcurl reported the failure.
    public let curlCode: Int32?

    public init(_ kind: Kind, _ detail: String, curlCode: Int32? = nil) {
        self.kind = kind
        self.detail = detail
        self.curlCode = curlCode
    }

    /// True when no HTTP exchange happened because the peer could not be reached or dropped the
    /// connection before answering: a caller may send again without risk of doing the work twice.
    public var isConnectionFailure: Bool {
        switch kind {
        case .couldNotResolve, .couldNotConnect, .timedOut, .sendFailed, .receiveFailed, .noResponse: true
        default: false
        }
    }

    /// True for failures where sending the same request again may succeed: the connection failures
    /// plus the ways a reused or streaming connection can die mid-transfer.
    public var isTransient: Bool {
        isConnectionFailure || kind == .truncatedResponse || kind == .protocolFailure
    }

    /// Every attempt gets the same answer until the endpoint or the CA bundle changes, so a
    /// rejected certificate is never transient.
    public var isCertificateFailure: Bool { kind == .certificateRejected }

    public var description: String {
        let code = curlCode.map { " (curl error \($0))" } ?? ""
        return "\(kind.rawValue): \(detail)\(code)"
    }
}
