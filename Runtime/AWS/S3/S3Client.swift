/// Amazon S3: the object operations the transfer engine uses.
///
/// Keys are used exactly as given (`a//b` and `a/../b` are distinct keys). With a custom endpoint
/// (`AWS_ENDPOINT_URL_S3`) requests use path-style addressing. Bodies stream both ways; see
/// `getObject(bucket:key:range:into:)` and `putObject(bucket:key:body:options:)`.
public struct S3Client: Sendable {
    public let client: AWSClient

    /// CopyObject refuses sources above 5 GiB; larger objects need multipart copy.
    public static let maximumCopyObjectSize: Int64 = 5 * 1024 * 1024 * 1024
    /// Parts are 5 MiB … 5 GiB (the last may be smaller), at most 10,000 of them.
    public static let minimumPartSize: Int64 = 5 * 1024 * 1024
    public static let maximumPartCount = 10_000

    public init(client: AWSClient) {
        self.client = client
    }

    func send(
        _ operation: String, bucket: String, key: String? = nil, method: String,
        query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
        body: RequestBody = .empty, sink: (any ByteSink)? = nil
    ) throws(AWSError) -> AWSResponse {
        let request = AWSRequest(
            method: method, path: key.map { "/" + $0 } ?? "/", query: query, headers: headers, body: body,
            bucket: bucket)
        return try client.send(
            request, to: .s3, operation: operation, resource: key.map { "\(bucket)/\($0)" } ?? bucket, sink: sink)
    }

    /// Parses an XML response body, mapping malformed XML to an `AWSError`.
    func xml(_ response: AWSResponse, _ operation: String, bucket: String, key: String? = nil) throws(AWSError) -> MiniXMLElement {
        do {
            return try MiniXMLParser.parse(response.body)
        } catch {
            throw AWSError(
                service: "S3", operation: operation, resource: key.map { "\(bucket)/\($0)" } ?? bucket,
                code: "ResponseParsing", message: "the response is not valid XML", httpStatus: response.status,
                cause: error)
        }
    }

    /// CopyObject, UploadPartCopy and CompleteMultipartUpload can fail after S3 has sent `200 OK`:
    /// the error then arrives as the body. Such errors are retryable per their code.
    func throwIfEmbeddedError(_ root: MiniXMLElement, _ response: AWSResponse, _ operation: String, resource: String) throws(AWSError) {
        guard root.name == "Error" else { return }
        let code = root.value("Code") ?? "InternalError"
        throw AWSError(
            service: "S3", operation: operation, resource: resource, code: code, message: root.value("Message") ?? "",
            httpStatus: response.status, requestID: root.value("RequestId"),
            isRetryable: RetryClassification.isRetryable(code: code, httpStatus: 500))
    }
}
