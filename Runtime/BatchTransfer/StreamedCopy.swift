import AWS
import TransferCore

/// Copies one object by moving its bytes through the function, for when S3 cannot copy it
/// server-side (the destination role may not read the source, or the two are on different
/// endpoints or partitions): ranged GETs as the source role, a PutObject or a multipart upload
/// as the destination role.
///
/// Memory holds one part (`partSize`, grown only past 10,000 parts) whatever the object's size.
/// Every GET is pinned to the manifest's ETag, so a source replaced mid-copy fails the copy. The
/// bytes read are checksummed (CRC32C) as they pass: a single PutObject carries the checksum and
/// a multipart upload completes with the whole object's, so S3 stores the object only if it
/// received exactly the bytes read. The copy keeps the source's content type and metadata and
/// records `source-etag`, as a multipart server-side copy does.
struct StreamedCopy {
    let source: any ObjectStore
    let destination: any ObjectStore
    let partSize: Int64
    let kmsKeyID: String?

    func copy(_ entry: ManifestEntry, request: BatchRequest, destinationKey: String) throws(TransferError) {
        let sourceURL = "s3://\(request.sourceBucket)/\(entry.key)"
        let destinationURL = "s3://\(request.destinationBucket)/\(destinationKey)"
        do {
            try copy(entry, request: request, destinationKey: destinationKey, sourceURL: sourceURL)
        } catch let error as TransferError {
            throw TransferError(kind: error.kind, message: "streaming \(sourceURL) to \(destinationURL): \(error.errorMessage)")
        } catch let error as AWSError {
            throw TransferError(error, context: "streaming \(sourceURL) to \(destinationURL)")
        } catch {
            throw TransferError(kind: .transient, message: "streaming \(sourceURL) to \(destinationURL): \(error)")
        }
    }

    private func copy(_ entry: ManifestEntry, request: BatchRequest, destinationKey: String, sourceURL: String) throws {
        let sourceHead = try source.headObject(bucket: request.sourceBucket, key: entry.key)
        var metadata = sourceHead.metadata
        metadata[ObjectCopier.sourceETagMetadata] = entry.etag
        let ranges = PartRanges(size: entry.size, preferredPartSize: partSize)
        guard let checksum = ObjectChecksum(.crc32c) else { throw TransferError(kind: .transient, message: "CRC32C is unavailable") }
        var options = PutObjectOptions(contentType: sourceHead.contentType, metadata: metadata, kmsKeyID: kmsKeyID)
        let bucket = request.destinationBucket
        if ranges.count == 1 {
            let bytes = try read(entry, range: entry.size == 0 ? nil : ranges[0], request: request, sourceURL: sourceURL)
            try checksum.update(bytes)
            options.checksum = try checksum.finalize()
            try destination.putObject(bucket: bucket, key: destinationKey, body: .bytes(bytes), options: options)
            return
        }
        options.checksum = S3Checksum(algorithm: .crc32c, base64Value: "")
        options.checksumType = .fullObject
        let uploadID = try destination.createMultipartUpload(bucket: bucket, key: destinationKey, options: options)
        do {
            var parts: [MultipartPart] = []
            for index in ranges.indices {
                let bytes = try read(entry, range: ranges[index], request: request, sourceURL: sourceURL)
                try checksum.update(bytes)
                let partChecksum = ObjectChecksum(.crc32c)
                try partChecksum?.update(bytes)
                parts.append(
                    try destination.uploadPart(
                        bucket: bucket, key: destinationKey, uploadID: uploadID, partNumber: index + 1, body: .bytes(bytes),
                        checksum: try partChecksum?.finalize()))
            }
            try destination.completeMultipartUpload(
                bucket: bucket, key: destinationKey, uploadID: uploadID, parts: parts, ifNoneMatch: false,
                fullObjectChecksum: try checksum.finalize())
        } catch {
            try? destination.abortMultipartUpload(bucket: bucket, key: destinationKey, uploadID: uploadID)
            throw error
        }
    }

    /// The bytes of `range` (the whole object when nil), as the source role, pinned to the
    /// manifest's ETag; a short read fails like a changed object.
    private func read(
        _ entry: ManifestEntry, range: ClosedRange<Int64>?, request: BatchRequest, sourceURL: String
    ) throws -> [UInt8] {
        let sink = CollectingSink()
        try source.getObject(
            bucket: request.sourceBucket, key: entry.key, range: range, ifMatch: "\"\(entry.etag)\"", into: sink)
        let expected = range.map { Int($0.count) } ?? 0
        guard sink.bytes.count == expected else {
            throw TransferError(kind: .transient, message: "\(sourceURL) sent \(sink.bytes.count) bytes where \(expected) were asked for")
        }
        return sink.bytes
    }
}
