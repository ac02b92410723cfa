extension ObjectStore {
    /// Copies an object of any size server-side with multipart `UploadPartCopy`, in parts of
    /// `partSize` bytes, `concurrency` of them at once, pinned to `sourceETag` so a source that
    /// changes mid-copy fails the copy.
    ///
    /// The part size grows when needed to stay within 10,000 parts. On failure the upload is
    /// aborted. With `ifNoneMatch` the completion refuses to overwrite an existing key.
    ///
    /// `shouldStop` is asked before each part: once it answers true, no further part starts, the
    /// parts in flight finish, the upload is aborted (nothing appears under `key`) and the copy
    /// throws `AWSError.stopped`.
    @discardableResult
    public func copyLargeObject(
        sourceBucket: String, sourceKey: String, sourceSize: Int64, sourceETag: String? = nil,
        bucket: String, key: String, partSize: Int64 = 256 * 1024 * 1024,
        options: PutObjectOptions = PutObjectOptions(), concurrency: Int = 1,
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws(AWSError) -> PutObjectResult {
        let ranges = PartRanges(size: sourceSize, preferredPartSize: partSize)
        return try withMultipartUpload(bucket: bucket, key: key, options: options) { uploadID throws(AWSError) in
            let parts = try ParallelLoop.run(count: ranges.count, width: concurrency) { index throws(AWSError) in
                if shouldStop() { throw AWSError.stopped(operation: "UploadPartCopy", resource: "\(bucket)/\(key)") }
                return try uploadPartCopy(
                    bucket: bucket, key: key, uploadID: uploadID, partNumber: index + 1,
                    sourceBucket: sourceBucket, sourceKey: sourceKey, range: ranges[index], sourceIfMatch: sourceETag)
            }
            return try completeMultipartUpload(
                bucket: bucket, key: key, uploadID: uploadID, parts: parts, ifNoneMatch: options.ifNoneMatch,
                fullObjectChecksum: nil)
        }
    }

    /// Runs `body` with a new upload id, and aborts the upload if `body` throws, so a failed
    /// transfer never leaves billable parts behind.
    public func withMultipartUpload<R>(
        bucket: String, key: String, options: PutObjectOptions = PutObjectOptions(),
        _ body: (_ uploadID: String) throws(AWSError) -> R
    ) throws(AWSError) -> R {
        let uploadID = try createMultipartUpload(bucket: bucket, key: key, options: options)
        do {
            return try body(uploadID)
        } catch {
            try? abortMultipartUpload(bucket: bucket, key: key, uploadID: uploadID)
            throw error
        }
    }
}

extension AWSError {
    /// The code of a multipart transfer its caller stopped between parts (`AWSError.stopped`).
    public static let stoppedCode = "Stopped"

    /// A multipart transfer stopped between parts because its caller asked it to (a cancelled job).
    public static func stopped(operation: String, resource: String) -> AWSError {
        AWSError(service: "S3", operation: operation, resource: resource, code: stoppedCode, message: "stopped between parts on request")
    }
}
