extension S3Client {
    /// Copies an object of any size server-side with multipart `UploadPartCopy`, in parts of
    /// `partSize` bytes, pinned to `sourceETag` so a source that changes mid-copy fails the copy.
    ///
    /// The part size grows when needed to stay within 10,000 parts. On failure the upload is
    /// aborted. With `ifNoneMatch` the completion refuses to overwrite an existing key.
    @discardableResult
    public func copyLargeObject(
        sourceBucket: String, sourceKey: String, sourceSize: Int64, sourceETag: String? = nil,
        bucket: String, key: String, partSize: Int64 = 256 * 1024 * 1024,
        options: PutObjectOptions = PutObjectOptions()
    ) throws(AWSError) -> PutObjectResult {
        let countLimit = Int64(Self.maximumPartCount)
        let size = max(partSize, (sourceSize + countLimit - 1) / countLimit)
        return try withMultipartUpload(bucket: bucket, key: key, options: options) { uploadID throws(AWSError) in
            var parts: [MultipartPart] = []
            var offset: Int64 = 0
            repeat {
                let end = min(offset + size, sourceSize) - 1
                parts.append(
                    try uploadPartCopy(
                        bucket: bucket, key: key, uploadID: uploadID, partNumber: parts.count + 1,
                        sourceBucket: sourceBucket, sourceKey: sourceKey, range: offset...max(end, offset),
                        sourceIfMatch: sourceETag))
                offset += size
            } while offset < sourceSize
            return try completeMultipartUpload(
                bucket: bucket, key: key, uploadID: uploadID, parts: parts, ifNoneMatch: options.ifNoneMatch)
        }
    }
}
