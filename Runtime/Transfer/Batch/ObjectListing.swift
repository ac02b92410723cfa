import AWS

/// `ListObjects`: lists every object under the source prefix, page by page, and streams the
/// manifest to the manifest bucket as the pages arrive.
public struct ObjectListing: Sendable {
    public let clients: RoleClients
    public let settings: BatchSettings

    public init(clients: RoleClients, settings: BatchSettings) {
        self.clients = clients
        self.settings = settings
    }

    /// The manifest of a run: `runs/<execution name>/manifest.json`.
    public static func manifestKey(executionName: String) -> String {
        "runs/\(executionName)/manifest.json"
    }

    public func run(_ event: ListObjectsEvent) throws(TransferError) -> ListingSummary {
        let request = event.request
        let writer = ManifestWriter(
            s3: S3Client(client: clients.own), bucket: settings.manifestBucket,
            key: Self.manifestKey(executionName: event.execution.name))
        let source = S3Client(client: clients.source)
        do {
            try source.forEachListPage(bucket: request.sourceBucket, prefix: request.sourcePrefix) { page throws(AWSError) in
                for object in page.objects {
                    try writer.append(ManifestEntry(key: object.key, size: object.size, etag: object.eTag))
                }
                return true
            }
        } catch {
            writer.abort()
            throw TransferError(error, context: "listing s3://\(request.sourceBucket)/\(request.sourcePrefix)")
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
