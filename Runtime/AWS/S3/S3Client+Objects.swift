extension S3Client {
    /// Succeeds when the bucket exists and the caller may use it; `notFound` or `accessDenied` otherwise.
    public func headBucket(bucket: String) throws(AWSError) {
        _ = try send("HeadBucket", bucket: bucket, method: "HEAD")
    }

    /// HeadObject that, when `includingChecksum` is true, asks S3 (`x-amz-checksum-mode: ENABLED`)
    /// for the stored full-object checksum, reported in `ObjectHead.checksum`.
    public func headObject(bucket: String, key: String, includingChecksum: Bool) throws(AWSError) -> ObjectHead {
        let headers: [(name: String, value: String)] = includingChecksum ? [("x-amz-checksum-mode", "ENABLED")] : []
        return ObjectHead(try send("HeadObject", bucket: bucket, key: key, method: "HEAD", headers: headers))
    }

    /// Streams the object (or `range`, inclusive byte offsets) into `sink` as it arrives.
    /// - Parameter ifMatch: fail with 412 unless the object still has this ETag, so the parts of a
    ///   large download all come from one version.
    @discardableResult
    public func getObject(
        bucket: String, key: String, range: ClosedRange<Int64>? = nil, ifMatch: String? = nil,
        into sink: any ByteSink
    ) throws(AWSError) -> ObjectHead {
        var headers: [(name: String, value: String)] = []
        if let range { headers.append(("Range", "bytes=\(range.lowerBound)-\(range.upperBound)")) }
        if let ifMatch { headers.append(("If-Match", ifMatch)) }
        return ObjectHead(try send("GetObject", bucket: bucket, key: key, method: "GET", headers: headers, sink: sink))
    }

    /// Uploads one object (up to 5 GiB; larger bodies need multipart upload). A `.stream` body is
    /// read as it is sent.
    @discardableResult
    public func putObject(
        bucket: String, key: String, body: RequestBody, options: PutObjectOptions = PutObjectOptions()
    ) throws(AWSError) -> PutObjectResult {
        let response = try send(
            "PutObject", bucket: bucket, key: key, method: "PUT", headers: options.headers(), body: body)
        return PutObjectResult(eTag: response.header("ETag") ?? "", versionID: response.header("x-amz-version-id"))
    }

    public func deleteObject(bucket: String, key: String) throws(AWSError) {
        _ = try send("DeleteObject", bucket: bucket, key: key, method: "DELETE")
    }
}

/// What S3 reports about a stored object or part.
public struct PutObjectResult: Sendable, Hashable {
    public var eTag: String
    public var versionID: String?

    public init(eTag: String, versionID: String? = nil) {
        self.eTag = eTag
        self.versionID = versionID
    }
}
