import AWS
public import TransferCore

/// `TransferObject`: copies one object server-side as the destination writer role.
///
/// Below the multipart threshold a single `CopyObject` keeps the source's content type and
/// metadata. At and above it, the object is copied in parts with `UploadPartCopy`, several at a
/// time, each pinned to the manifest's ETag; the upload carries the source's content type and
/// metadata plus `source-etag`, and is aborted if any part fails. An object the listing found at
/// the destination already (`present`) is skipped without a request; a large object is also
/// skipped when the destination's `source-etag` names the source's ETag (its own ETag, being
/// multipart, cannot match). So a rerun copies nothing twice.
public struct ObjectCopier: Sendable {
    public let stores: RoleStores
    public let settings: BatchSettings

    /// The metadata key that records which source version a multipart copy came from.
    public static let sourceETagMetadata = "source-etag"

    public init(stores: RoleStores, settings: BatchSettings) {
        self.stores = stores
        self.settings = settings
    }

    public func run(_ item: TransferItem) throws(TransferError) -> TransferOutcome {
        let request = item.request
        let entry = item.entry
        let destinationKey = request.destinationKey(for: entry.key)
        let s3 = stores.destination
        let description = "copying s3://\(request.sourceBucket)/\(entry.key) to s3://\(request.destinationBucket)/\(destinationKey)"
        let skipped = TransferOutcome(key: entry.key, destinationKey: destinationKey, status: .skipped, method: .none, bytes: 0)
        if entry.present { return skipped }
        do {
            let method: TransferOutcome.Method
            if entry.size < settings.multipartThreshold {
                try s3.copyObject(
                    sourceBucket: request.sourceBucket, sourceKey: entry.key, bucket: request.destinationBucket,
                    key: destinationKey,
                    options: CopyObjectOptions(
                        kmsKeyID: settings.destinationKMSKeyID, sourceIfMatch: "\"\(entry.etag)\"", sourceSize: entry.size))
                method = .copyObject
            } else {
                if try isAlreadyCopied(entry, s3: s3, bucket: request.destinationBucket, key: destinationKey) { return skipped }
                try copyInParts(entry, s3: s3, request: request, destinationKey: destinationKey)
                method = .multipartCopy
            }
            return TransferOutcome(
                key: entry.key, destinationKey: destinationKey, status: .copied, method: method, bytes: entry.size)
        } catch {
            throw TransferError(error, context: description)
        }
    }

    private func isAlreadyCopied(
        _ entry: ManifestEntry, s3: any ObjectStore, bucket: String, key: String
    ) throws(AWSError) -> Bool {
        let head: ObjectHead
        do {
            head = try s3.headObject(bucket: bucket, key: key)
        } catch where error.kind == .notFound {
            return false
        }
        return head.contentLength == entry.size && head.metadata[Self.sourceETagMetadata] == entry.etag
    }

    private func copyInParts(
        _ entry: ManifestEntry, s3: any ObjectStore, request: BatchRequest, destinationKey: String
    ) throws(AWSError) {
        let source = try s3.headObject(bucket: request.sourceBucket, key: entry.key)
        var metadata = source.metadata
        metadata[Self.sourceETagMetadata] = entry.etag
        let options = PutObjectOptions(
            contentType: source.contentType, metadata: metadata, kmsKeyID: settings.destinationKMSKeyID)
        try s3.copyLargeObject(
            sourceBucket: request.sourceBucket, sourceKey: entry.key, sourceSize: entry.size,
            sourceETag: "\"\(entry.etag)\"", bucket: request.destinationBucket, key: destinationKey,
            partSize: settings.partSize, options: options, concurrency: settings.partConcurrency)
    }
}
