extension S3Client {
    /// Server-side copy of an object up to 5 GiB. For larger objects use `copyLargeObject`.
    @discardableResult
    public func copyObject(
        sourceBucket: String, sourceKey: String, bucket: String, key: String,
        options: CopyObjectOptions = CopyObjectOptions()
    ) throws(AWSError) -> PutObjectResult {
        if let size = options.sourceSize, size > Self.maximumCopyObjectSize {
            throw AWSError(
                service: "S3", operation: "CopyObject", resource: "\(sourceBucket)/\(sourceKey)", code: "EntityTooLarge",
                message: "the source is \(size) bytes; CopyObject takes at most 5 GiB, use copyLargeObject (UploadPartCopy)")
        }
        var headers = [(name: "x-amz-copy-source", value: Self.copySource(sourceBucket, sourceKey))]
        headers.append(("x-amz-metadata-directive", options.metadataDirective.rawValue))
        if options.metadataDirective == .replace {
            headers += PutObjectOptions(contentType: options.contentType, metadata: options.metadata).headers()
        }
        if let kmsKeyID = options.kmsKeyID {
            headers += PutObjectOptions(kmsKeyID: kmsKeyID).headers()
        }
        if let sourceIfMatch = options.sourceIfMatch { headers.append(("x-amz-copy-source-if-match", sourceIfMatch)) }
        if options.ifNoneMatch { headers.append(("If-None-Match", "*")) }
        let response = try send("CopyObject", bucket: bucket, key: key, method: "PUT", headers: headers)
        let root = try xml(response, "CopyObject", bucket: bucket, key: key)
        try throwIfEmbeddedError(root, response, "CopyObject", resource: "\(bucket)/\(key)")
        return PutObjectResult(eTag: root.value("ETag") ?? "", versionID: response.header("x-amz-version-id"))
    }

    /// `x-amz-copy-source`: `bucket/key` with the key percent-encoded (slashes kept).
    static func copySource(_ bucket: String, _ key: String) -> String {
        URIEncoding.encode(bucket) + URIEncoding.encodePath(key)
    }
}
