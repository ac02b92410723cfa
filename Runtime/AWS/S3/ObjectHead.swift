/// What HeadObject and GetObject report about an object.
public struct ObjectHead: Sendable, Hashable {
    /// Bytes in this response: the whole object, or the range for a ranged GET.
    public var contentLength: Int64
    public var eTag: String?
    public var contentType: String?
    public var lastModified: String?
    public var versionID: String?
    /// `bytes 0-99/1234` for a ranged GET.
    public var contentRange: String?
    /// User metadata (`x-amz-meta-*`), keys without the prefix, lowercased as S3 returns them.
    public var metadata: [String: String]
    public var serverSideEncryption: String?
    /// The full-object checksum S3 stored (`x-amz-checksum-*`), reported only when asked for with
    /// `headObject(bucket:key:includingChecksum:)`.
    public var checksum: S3Checksum?

    /// What a store other than S3 reports (an in-memory one in tests).
    public init(
        contentLength: Int64, eTag: String? = nil, contentType: String? = nil, lastModified: String? = nil,
        versionID: String? = nil, contentRange: String? = nil, metadata: [String: String] = [:],
        serverSideEncryption: String? = nil, checksum: S3Checksum? = nil
    ) {
        self.contentLength = contentLength
        self.eTag = eTag
        self.contentType = contentType
        self.lastModified = lastModified
        self.versionID = versionID
        self.contentRange = contentRange
        self.metadata = metadata
        self.serverSideEncryption = serverSideEncryption
        self.checksum = checksum
    }

    init(_ response: AWSResponse) {
        contentLength = Int64(response.header("Content-Length") ?? "") ?? 0
        eTag = response.header("ETag")
        contentType = response.header("Content-Type")
        lastModified = response.header("Last-Modified")
        versionID = response.header("x-amz-version-id")
        contentRange = response.header("Content-Range")
        serverSideEncryption = response.header("x-amz-server-side-encryption")
        var metadata: [String: String] = [:]
        for header in response.headers where header.name.hasPrefixIgnoringASCIICase("x-amz-meta-") {
            metadata[String(header.name.lowercased().dropFirst("x-amz-meta-".count))] = header.value
        }
        self.metadata = metadata
        checksum = S3Checksum(headers: response.headers)
    }

    /// The object's full size: from `Content-Range` on a ranged GET, else `contentLength`.
    public var objectSize: Int64 {
        guard let contentRange, let total = contentRange.split(separator: "/").last, let size = Int64(total)
        else { return contentLength }
        return size
    }
}
