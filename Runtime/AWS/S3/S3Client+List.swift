extension S3Client {
    /// One page of `ListObjectsV2`: up to `maxKeys` (at most 1,000) keys after `startAfter` or the
    /// position in `continuationToken`.
    public func listObjectsV2(
        bucket: String, prefix: String? = nil, delimiter: String? = nil, startAfter: String? = nil,
        continuationToken: String? = nil, maxKeys: Int? = nil
    ) throws(AWSError) -> ListObjectsPage {
        var query = [(name: "list-type", value: "2")]
        if let prefix { query.append(("prefix", prefix)) }
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let startAfter { query.append(("start-after", startAfter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        if let maxKeys { query.append(("max-keys", String(maxKeys))) }
        let response = try send("ListObjectsV2", bucket: bucket, method: "GET", query: query)
        let root = try xml(response, "ListObjectsV2", bucket: bucket)
        let objects = root.children("Contents").map { entry in
            S3Object(
                key: entry.value("Key") ?? "", size: Int64(entry.value("Size") ?? "") ?? 0,
                eTag: entry.value("ETag") ?? "", lastModified: entry.value("LastModified") ?? "",
                storageClass: entry.value("StorageClass"))
        }
        let truncated = root.value("IsTruncated") == "true"
        return ListObjectsPage(
            objects: objects, commonPrefixes: root.children("CommonPrefixes").compactMap { $0.value("Prefix") },
            nextContinuationToken: truncated ? root.value("NextContinuationToken") : nil, isTruncated: truncated)
    }

    /// Every page, handed to `body` as it arrives (a listing of millions of keys is never held
    /// whole). Return false from `body` to stop early.
    public func forEachListPage(
        bucket: String, prefix: String? = nil, delimiter: String? = nil, startAfter: String? = nil,
        pageSize: Int? = nil, _ body: (ListObjectsPage) throws(AWSError) -> Bool
    ) throws(AWSError) {
        var token: String?
        repeat {
            let page = try listObjectsV2(
                bucket: bucket, prefix: prefix, delimiter: delimiter, startAfter: token == nil ? startAfter : nil,
                continuationToken: token, maxKeys: pageSize)
            guard try body(page) else { return }
            token = page.nextContinuationToken
        } while token != nil
    }

    /// All objects and common prefixes, following every page.
    public func listAllObjects(
        bucket: String, prefix: String? = nil, delimiter: String? = nil, startAfter: String? = nil
    ) throws(AWSError) -> (objects: [S3Object], commonPrefixes: [String]) {
        var objects: [S3Object] = []
        var prefixes: [String] = []
        try forEachListPage(bucket: bucket, prefix: prefix, delimiter: delimiter, startAfter: startAfter) { page in
            objects += page.objects
            prefixes += page.commonPrefixes
            return true
        }
        return (objects, prefixes)
    }
}
