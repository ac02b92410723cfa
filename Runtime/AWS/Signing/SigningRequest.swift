/// The parts of an HTTP request that SigV4 covers, as plain values.
///
/// Keeping this independent of any HTTP client lets every signing step be a pure function that is
/// testable against AWS's published vectors. Query items and headers are ordered pairs rather
/// than dictionaries because SigV4 signs repeated names (`a=1&a=2`, repeated headers) and the
/// order of repeated header values is significant.
public struct SigningRequest: Sendable {
    /// The HTTP method exactly as it will be sent, e.g. `GET`.
    public var method: String
    /// The decoded (not percent-encoded) absolute path, e.g. `/bucket/my key.txt`.
    ///
    /// The signer does the encoding, because the canonical form depends on the service: S3 encodes
    /// once, every other service encodes the wire path a second time. Use
    /// `URIEncoding.encodePath(_:)` for the path to put on the wire.
    public var path: String
    /// Decoded query items in request order; repeated names are allowed.
    public var query: [(name: String, value: String)]
    /// Headers to sign, in request order; repeated names are allowed and their values are joined
    /// in this order. Must include `Host`.
    public var headers: [(name: String, value: String)]
    /// The hash of the body that goes on the last line of the canonical request.
    public var payloadHash: PayloadHash

    public init(
        method: String,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [],
        payloadHash: PayloadHash = .emptyBody
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}
