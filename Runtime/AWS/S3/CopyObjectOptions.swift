/// The optional parts of CopyObject.
public struct CopyObjectOptions: Sendable, Hashable {
    /// `COPY` keeps the source's metadata and content type; `REPLACE` uses `metadata` and
    /// `contentType` from here.
    public enum MetadataDirective: String, Sendable, Hashable {
        case copy = "COPY", replace = "REPLACE"
    }

    public var metadataDirective: MetadataDirective
    public var contentType: String?
    public var metadata: [String: String]
    public var kmsKeyID: String?
    /// Copy only if the source still has this ETag.
    public var sourceIfMatch: String?
    /// The source's size when known; above 5 GiB the copy is refused before any request.
    public var sourceSize: Int64?
    public var ifNoneMatch: Bool

    public init(
        metadataDirective: MetadataDirective = .copy, contentType: String? = nil, metadata: [String: String] = [:],
        kmsKeyID: String? = nil, sourceIfMatch: String? = nil, sourceSize: Int64? = nil, ifNoneMatch: Bool = false
    ) {
        self.metadataDirective = metadataDirective
        self.contentType = contentType
        self.metadata = metadata
        self.kmsKeyID = kmsKeyID
        self.sourceIfMatch = sourceIfMatch
        self.sourceSize = sourceSize
        self.ifNoneMatch = ifNoneMatch
    }
}
