import AWS
public import TransferCore

/// `TransferObject`: copies one object server-side as the destination writer role or, when the
/// request's `operation_mode` says so or (`auto`) S3 refuses the server-side copy as access
/// denied or the source is on another endpoint or in another region, by streaming it through the
/// function (`StreamedCopy`) as both roles, at most `settings.streamConcurrency` objects at once.
///
/// Below the multipart threshold a single `CopyObject` keeps the source's content type and
/// metadata. At and above it, the object is copied in parts with `UploadPartCopy`, several at a
/// time, each pinned to the manifest's ETag; the upload carries the source's content type and
/// metadata plus `source-etag`, and is aborted if any part fails. Objects already at the
/// destination never reach the copier in `sync` mode (the listing leaves them out of the
/// manifest); a large object is also skipped when the destination's `source-etag` names the
/// source's ETag, so a retried batch does not copy its large objects twice.
public struct ObjectCopier: Sendable {
    public let stores: RoleStores
    public let settings: BatchSettings
    private let streamSlots: StreamSlots

    /// The metadata key that records which source version a multipart copy came from.
    public static let sourceETagMetadata = CopyMetadata.sourceETag

    public init(stores: RoleStores, settings: BatchSettings) {
        self.stores = stores
        self.settings = settings
        streamSlots = StreamSlots(settings.streamConcurrency)
    }

    /// Copies `item`. On a `retry` (an attempt after one that may have copied it already), a small
    /// object already at the destination with the source's size and ETag is skipped as well, so a
    /// batch retried after a crash does not write its objects twice.
    ///
    /// A copy in parts asks `shouldStop` before each part; once it answers true the copy stops
    /// after the parts in flight, its upload is aborted and it throws (see `copyLargeObject`).
    public func run(
        _ item: TransferItem, retry: Bool = false, shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws(TransferError) -> TransferOutcome {
        let request = item.request
        let entry = item.entry
        let destinationKey = request.destinationKey(for: entry.key)
        let s3 = stores.destination
        let description = "copying s3://\(request.sourceBucket)/\(entry.key) to s3://\(request.destinationBucket)/\(destinationKey)"
        func outcome(_ method: TransferOutcome.Method) -> TransferOutcome {
            method == .none
                ? TransferOutcome(key: entry.key, destinationKey: destinationKey, status: .skipped, method: .none, bytes: 0)
                : TransferOutcome(key: entry.key, destinationKey: destinationKey, status: .copied, method: method, bytes: entry.size)
        }
        let serverSideImpossible = request.operationMode == .auto && settings.sourceIsElsewhere
        if request.operationMode == .streamed || serverSideImpossible {
            return outcome(try stream(entry, request: request, destinationKey: destinationKey))
        }
        do {
            if entry.size < settings.multipartThreshold {
                if retry, try isAlreadyCopied(entry, s3: s3, bucket: request.destinationBucket, key: destinationKey) {
                    return outcome(.none)
                }
                try s3.copyObject(
                    sourceBucket: request.sourceBucket, sourceKey: entry.key, bucket: request.destinationBucket,
                    key: destinationKey,
                    options: CopyObjectOptions(
                        kmsKeyID: settings.destinationKMSKeyID, sourceIfMatch: "\"\(entry.etag)\"", sourceSize: entry.size))
                return outcome(.copyObject)
            }
            if try isAlreadyCopied(entry, s3: s3, bucket: request.destinationBucket, key: destinationKey) { return outcome(.none) }
            try copyInParts(entry, s3: s3, request: request, destinationKey: destinationKey, shouldStop: shouldStop)
            return outcome(.multipartCopy)
        } catch where request.operationMode == .auto && error.kind == .accessDenied
            && !canRead(request.sourceBucket, entry.key, as: s3)
        {
            return outcome(try stream(entry, request: request, destinationKey: destinationKey))
        } catch {
            throw TransferError(error, context: description)
        }
    }

    /// Whether `store`'s role may read the object: a denied copy falls back to streaming only when
    /// the source was what was denied, not the write.
    private func canRead(_ bucket: String, _ key: String, as store: any ObjectStore) -> Bool {
        do {
            _ = try store.headObject(bucket: bucket, key: key)
            return true
        } catch {
            return error.kind != .accessDenied
        }
    }

    /// Copies by streaming (`StreamedCopy`); `.none` when a large object is already there.
    private func stream(_ entry: ManifestEntry, request: BatchRequest, destinationKey: String) throws(TransferError) -> TransferOutcome.Method {
        if entry.size >= settings.streamPartSize {
            do {
                if try isAlreadyCopied(entry, s3: stores.destination, bucket: request.destinationBucket, key: destinationKey) {
                    return .none
                }
            } catch {
                throw TransferError(error, context: "checking s3://\(request.destinationBucket)/\(destinationKey)")
            }
        }
        let copy = StreamedCopy(
            source: stores.source, destination: stores.destination, partSize: settings.streamPartSize,
            kmsKeyID: settings.destinationKMSKeyID)
        try streamSlots.withSlot { () throws(TransferError) in
            try copy.copy(entry, request: request, destinationKey: destinationKey)
        }
        return .streamed
    }

    /// Whether the destination holds this version of the object: the source's ETag recorded by a
    /// multipart copy, or, for a single `CopyObject`, the source's own ETag.
    private func isAlreadyCopied(
        _ entry: ManifestEntry, s3: any ObjectStore, bucket: String, key: String
    ) throws(AWSError) -> Bool {
        let head: ObjectHead
        do {
            head = try s3.headObject(bucket: bucket, key: key)
        } catch where error.kind == .notFound {
            return false
        }
        let sameETag = head.eTag.map(ETag.unquoted) == entry.etag
        let copiedWhole = entry.size < settings.multipartThreshold && sameETag
        return head.contentLength == entry.size && (copiedWhole || head.metadata[Self.sourceETagMetadata] == entry.etag)
    }

    private func copyInParts(
        _ entry: ManifestEntry, s3: any ObjectStore, request: BatchRequest, destinationKey: String,
        shouldStop: @escaping @Sendable () -> Bool
    ) throws(AWSError) {
        let source = try s3.headObject(bucket: request.sourceBucket, key: entry.key)
        var metadata = source.metadata
        metadata[Self.sourceETagMetadata] = entry.etag
        let options = PutObjectOptions(
            contentType: source.contentType, metadata: metadata, kmsKeyID: settings.destinationKMSKeyID)
        try s3.copyLargeObject(
            sourceBucket: request.sourceBucket, sourceKey: entry.key, sourceSize: entry.size,
            sourceETag: "\"\(entry.etag)\"", bucket: request.destinationBucket, key: destinationKey,
            partSize: settings.partSize, options: options, concurrency: settings.partConcurrency, shouldStop: shouldStop)
    }
}
