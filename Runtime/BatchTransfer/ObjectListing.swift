import AWS
public import TransferCore

/// `ListObjects`: lists every object under the source prefix, page by page, and streams the
/// manifest to the manifest bucket as the pages arrive.
///
/// The destination prefix is listed alongside (as the destination role), and an entry whose object
/// is already there with the same size and ETag is marked `present`: a rerun then copies nothing
/// twice at the cost of one listing request per thousand keys, instead of a HeadObject per key.
public struct ObjectListing: Sendable {
    public let stores: RoleStores
    public let settings: BatchSettings

    public init(stores: RoleStores, settings: BatchSettings) {
        self.stores = stores
        self.settings = settings
    }

    /// The manifest of a run: `runs/<execution name>/manifest.json`.
    public static func manifestKey(executionName: String) -> String {
        "runs/\(executionName)/manifest.json"
    }

    public func run(_ state: ExecutionState) throws(TransferError) -> ListingSummary {
        let request = state.request
        let execution = try state.required(state.execution, "execution")
        let writer = ManifestWriter(
            s3: stores.own, bucket: settings.manifestBucket,
            key: Self.manifestKey(executionName: execution.name))
        let source = ListingCursor(
            s3: stores.source, bucket: request.sourceBucket, prefix: request.sourcePrefix)
        let destination = ListingCursor(
            s3: stores.destination, bucket: request.destinationBucket, prefix: request.destinationPrefix)
        do throws(TransferError) {
            while let object = try source.next() {
                var entry = ManifestEntry(key: object.key, size: object.size, etag: object.eTag)
                let copy = try destination.object(withSuffix: object.key.utf8.dropFirst(request.sourcePrefix.utf8.count))
                entry.present = copy.map { $0.size == entry.size && ETag.unquoted($0.eTag) == entry.etag } ?? false
                do {
                    try writer.append(entry)
                } catch {
                    throw TransferError(error, context: "writing the manifest s3://\(writer.bucket)/\(writer.key)")
                }
            }
        } catch {
            writer.abort()
            throw error
        }
        do {
            try writer.finish()
        } catch {
            throw TransferError(error, context: "writing the manifest s3://\(writer.bucket)/\(writer.key)")
        }
        return ListingSummary(
            manifestBucket: writer.bucket, manifestKey: writer.key, count: writer.count, totalBytes: writer.totalBytes)
    }
}
