/// One entry of a listing.
public struct S3Object: Sendable, Hashable {
    public var key: String
    public var size: Int64
    public var eTag: String
    public var lastModified: String
    public var storageClass: String?

    public init(key: String, size: Int64, eTag: String, lastModified: String, storageClass: String? = nil) {
        self.key = key
        self.size = size
        self.eTag = eTag
        self.lastModified = lastModified
        self.storageClass = storageClass
    }
}

/// One page of `ListObjectsV2`.
public struct ListObjectsPage: Sendable, Hashable {
    public var objects: [S3Object]
    /// With a delimiter: the "directories" at this level.
    public var commonPrefixes: [String]
    /// Pass to the next call; nil on the last page.
    public var nextContinuationToken: String?
    public var isTruncated: Bool

    public init(objects: [S3Object], commonPrefixes: [String] = [], nextContinuationToken: String?, isTruncated: Bool) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.nextContinuationToken = nextContinuationToken
        self.isTruncated = isTruncated
    }
}
