extension S3Client {
    /// Starts a multipart upload and returns its upload id.
    public func createMultipartUpload(
        bucket: String, key: String, options: PutObjectOptions = PutObjectOptions()
    ) throws(AWSError) -> String {
        var headers = options.headers(forCreate: true)
        if let checksum = options.checksum { headers.append(("x-amz-checksum-algorithm", checksum.algorithm.rawValue)) }
        let response = try send(
            "CreateMultipartUpload", bucket: bucket, key: key, method: "POST", query: [("uploads", "")],
            headers: headers)
        guard let uploadID = try xml(response, "CreateMultipartUpload", bucket: bucket, key: key).value("UploadId")
        else { throw missing("CreateMultipartUpload", "UploadId", bucket, key) }
        return uploadID
    }

    /// Uploads part `partNumber` (1…10,000) from `body`.
    public func uploadPart(
        bucket: String, key: String, uploadID: String, partNumber: Int, body: RequestBody,
        checksum: S3Checksum? = nil
    ) throws(AWSError) -> MultipartPart {
        let response = try send(
            "UploadPart", bucket: bucket, key: key, method: "PUT",
            query: [("partNumber", String(partNumber)), ("uploadId", uploadID)],
            headers: checksum?.headers ?? [], body: body)
        return MultipartPart(partNumber: partNumber, eTag: response.header("ETag") ?? "", size: body.length)
    }

    /// Copies bytes `range` (inclusive) of the source object into part `partNumber`, server-side.
    /// - Parameter sourceIfMatch: fail unless the source still has this ETag, so every part comes
    ///   from the same version of the source.
    public func uploadPartCopy(
        bucket: String, key: String, uploadID: String, partNumber: Int, sourceBucket: String, sourceKey: String,
        range: ClosedRange<Int64>, sourceIfMatch: String? = nil
    ) throws(AWSError) -> MultipartPart {
        var headers = [
            (name: "x-amz-copy-source", value: Self.copySource(sourceBucket, sourceKey)),
            (name: "x-amz-copy-source-range", value: "bytes=\(range.lowerBound)-\(range.upperBound)"),
        ]
        if let sourceIfMatch { headers.append(("x-amz-copy-source-if-match", sourceIfMatch)) }
        let response = try send(
            "UploadPartCopy", bucket: bucket, key: key, method: "PUT",
            query: [("partNumber", String(partNumber)), ("uploadId", uploadID)], headers: headers)
        let root = try xml(response, "UploadPartCopy", bucket: bucket, key: key)
        try throwIfEmbeddedError(root, response, "UploadPartCopy", resource: "\(bucket)/\(key)")
        guard let eTag = root.value("ETag") else { throw missing("UploadPartCopy", "ETag", bucket, key) }
        return MultipartPart(partNumber: partNumber, eTag: eTag, size: range.upperBound - range.lowerBound + 1)
    }

    /// Every part uploaded so far, following pages; used to resume an interrupted upload.
    public func listParts(bucket: String, key: String, uploadID: String) throws(AWSError) -> [MultipartPart] {
        var parts: [MultipartPart] = []
        var marker: String?
        repeat {
            var query = [(name: "uploadId", value: uploadID)]
            if let marker { query.append(("part-number-marker", marker)) }
            let response = try send("ListParts", bucket: bucket, key: key, method: "GET", query: query)
            let root = try xml(response, "ListParts", bucket: bucket, key: key)
            parts += root.children("Part").map { part in
                MultipartPart(
                    partNumber: Int(part.value("PartNumber") ?? "") ?? 0, eTag: part.value("ETag") ?? "",
                    size: Int64(part.value("Size") ?? "") ?? 0)
            }
            marker = root.value("IsTruncated") == "true" ? root.value("NextPartNumberMarker") : nil
        } while marker != nil
        return parts
    }

    /// Joins the parts into the object. With `ifNoneMatch` the completion fails with 412 when the
    /// key already exists (idempotent delivery of large objects).
    /// - Parameter fullObjectChecksum: the whole object's checksum, for an upload created with
    ///   `checksumType: .fullObject`; S3 fails the completion when the parts do not add up to it.
    @discardableResult
    public func completeMultipartUpload(
        bucket: String, key: String, uploadID: String, parts: [MultipartPart], ifNoneMatch: Bool = false,
        fullObjectChecksum: S3Checksum? = nil
    ) throws(AWSError) -> PutObjectResult {
        let entries = parts.sorted { $0.partNumber < $1.partNumber }.map { part in
            "<Part><PartNumber>\(part.partNumber)</PartNumber><ETag>\(MiniXMLEscaping.escape(part.eTag))</ETag></Part>"
        }
        let document =
            "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\(entries.joined())</CompleteMultipartUpload>"
        var headers = [(name: "Content-Type", value: "application/xml")]
        if ifNoneMatch { headers.append(("If-None-Match", "*")) }
        if let fullObjectChecksum {
            headers.append(("x-amz-checksum-\(fullObjectChecksum.algorithm.rawValue.lowercased())", fullObjectChecksum.base64Value))
            headers.append(("x-amz-checksum-type", S3Checksum.ChecksumType.fullObject.rawValue))
        }
        let response = try send(
            "CompleteMultipartUpload", bucket: bucket, key: key, method: "POST", query: [("uploadId", uploadID)],
            headers: headers, body: .bytes(Array(document.utf8)))
        let root = try xml(response, "CompleteMultipartUpload", bucket: bucket, key: key)
        try throwIfEmbeddedError(root, response, "CompleteMultipartUpload", resource: "\(bucket)/\(key)")
        return PutObjectResult(eTag: root.value("ETag") ?? "", versionID: response.header("x-amz-version-id"))
    }

    /// Discards the upload and its parts (they are billed until aborted or completed).
    public func abortMultipartUpload(bucket: String, key: String, uploadID: String) throws(AWSError) {
        _ = try send("AbortMultipartUpload", bucket: bucket, key: key, method: "DELETE", query: [("uploadId", uploadID)])
    }

    private func missing(_ operation: String, _ field: String, _ bucket: String, _ key: String) -> AWSError {
        AWSError(
            service: "S3", operation: operation, resource: "\(bucket)/\(key)", code: "ResponseParsing",
            message: "the response has no \(field)")
    }
}
