/// One entry of a listing.
public struct S3Object: Sendable, Hashable {
    public var key: String
    public var size: Int64
    public var eTag: String
    public var lastModified: String
    public var storageClass: String?
}

/// One page of `ListObjectsV2`.
public struct ListObjectsPage: Sendable, Hashable {
    public var objects: [S3Object]
    /// With a delimiter: the "directories" at this level.
    public var commonPrefixes: [String]
    /// Pass to the next call; nil on the last page.
    public var nextContinuationToken: String?
    public var isTruncated: Bool
}
