extension S3Client {
    /// Every version of the objects under `prefix` (delete markers left out), following every
    /// page of `ListObjectVersions`, newest first within a key as S3 lists them.
    public func listObjectVersions(bucket: String, prefix: String) throws(AWSError) -> [ObjectVersion] {
        var versions: [ObjectVersion] = []
        var keyMarker: String?
        var versionMarker: String?
        repeat {
            var query = [(name: "versions", value: ""), (name: "prefix", value: prefix)]
            if let keyMarker { query.append(("key-marker", keyMarker)) }
            if let versionMarker { query.append(("version-id-marker", versionMarker)) }
            let response = try send("ListObjectVersions", bucket: bucket, method: "GET", query: query)
            let root = try xml(response, "ListObjectVersions", bucket: bucket)
            versions += root.children("Version").map { entry in
                ObjectVersion(
                    key: entry.value("Key") ?? "", versionID: entry.value("VersionId") ?? "", eTag: entry.value("ETag") ?? "")
            }
            guard root.value("IsTruncated") == "true" else { break }
            keyMarker = root.value("NextKeyMarker")
            versionMarker = root.value("NextVersionIdMarker")
        } while keyMarker != nil
        return versions
    }
}

/// One version of an object, as `ListObjectVersions` lists it.
public struct ObjectVersion: Sendable, Hashable {
    public var key: String
    public var versionID: String
    /// As S3 sends it, in quotes.
    public var eTag: String

    public init(key: String, versionID: String, eTag: String) {
        self.key = key
        self.versionID = versionID
        self.eTag = eTag
    }
}
