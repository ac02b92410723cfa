/// One service request before signing: method, decoded path, query, headers and body.
public struct AWSRequest {
    public var method: String
    /// The decoded path, e.g. `/my key.txt`; the transport encodes it. For S3 it excludes the
    /// bucket, which goes in `bucket` so the transport can choose virtual-hosted or path style.
    public var path: String
    public var query: [(name: String, value: String)]
    /// Headers to send and sign (the transport adds `Host` and the signature headers).
    public var headers: [(name: String, value: String)]
    public var body: RequestBody
    /// S3 only: the bucket addressed.
    public var bucket: String?

    public init(
        method: String, path: String = "/", query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: RequestBody = .empty, bucket: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.bucket = bucket
    }
}
