import AWS
public import TransferCore

/// `ListObjects`: lists the source prefix page by page and streams the manifest of the work to do
/// to the manifest bucket, within a time budget; the state machine invokes it again while its
/// answer is not `complete`, and each invocation resumes after the last page the previous one
/// finished.
///
/// In `sync` mode (and whenever extras are to be deleted) the destination prefix is listed
/// alongside as the destination role: an object already there with the same size and ETag (or,
/// for a multipart copy, whose `source-etag` names the source's ETag) is counted as skipped and
/// left out of the manifest, so a rerun starts no child for it. With `delete`, destination objects
/// the source does not have are deleted as the merge passes them.
///
/// Objects at and above the multipart threshold go to a manifest of their own, which the state
/// machine copies one object per child (a batch of them could outlast a function's 15 minutes).
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

    /// The manifest of a run's large objects: `runs/<execution name>/large-objects.json`.
    public static func largeManifestKey(executionName: String) -> String {
        "runs/\(executionName)/large-objects.json"
    }

    /// Lists until done or until the budget is spent at a page's end (one page at least).
    /// - Parameter deadline: the invocation's own limit, when sooner than the budget.
    public func run(_ state: ExecutionState, deadline: ContinuousClock.Instant? = nil) throws(TransferError) -> ListingSummary {
        let budget = ContinuousClock.now.advanced(by: .seconds(settings.listingBudgetSeconds))
        let stop = deadline.map { min($0, budget) } ?? budget
        let execution = try state.required(state.execution, "execution")
        var run = try ListingRun(
            listing: self, request: state.request, manifestKey: Self.manifestKey(executionName: execution.name),
            largeManifestKey: Self.largeManifestKey(executionName: execution.name), previous: state.listing)
        return try run.list(until: stop)
    }
}

/// One invocation's share of a listing.
private struct ListingRun {
    let request: BatchRequest
    let sourceStore: any ObjectStore
    let destinationStore: any ObjectStore
    let writer: ManifestWriter
    let largeWriter: ManifestWriter
    /// Entries of this size and above go to `largeWriter`.
    let largeSize: Int64
    /// Whether the manifest's upload began in an earlier invocation, whose checkpoint a retry of
    /// this one resumes from: then a failure must leave it open.
    let uploadIsResumed: Bool
    var summary: ListingSummary
    var sourceAfter: String?
    var sourceDone: Bool
    var destinationAfter: String?

    init(
        listing: ObjectListing, request: BatchRequest, manifestKey: String, largeManifestKey: String, previous: ListingSummary?
    ) throws(TransferError) {
        self.request = request
        sourceStore = listing.stores.source
        destinationStore = listing.stores.destination
        largeSize = listing.settings.multipartThreshold
        let bucket = listing.settings.manifestBucket
        let own = listing.stores.own
        func resumed(_ key: String, _ checkpoint: ManifestWriter.Checkpoint?) throws(TransferError) -> ManifestWriter {
            guard let checkpoint else { return ManifestWriter(s3: own, bucket: bucket, key: key) }
            do {
                return try ManifestWriter(s3: own, bucket: bucket, key: key, resuming: checkpoint)
            } catch {
                throw TransferError(error, context: "resuming the manifest s3://\(bucket)/\(key)")
            }
        }
        if let previous, let resume = previous.resume {
            writer = try resumed(manifestKey, resume.manifest)
            largeWriter = try resumed(previous.largeManifestKey ?? largeManifestKey, resume.largeManifest)
            uploadIsResumed = resume.manifest.uploadID != nil || resume.largeManifest?.uploadID != nil
            summary = previous
            summary.largeManifestKey = largeWriter.key
            summary.invocations += 1
            sourceAfter = resume.sourceAfter
            sourceDone = resume.sourceDone
            destinationAfter = resume.destinationAfter
        } else {
            writer = ManifestWriter(s3: own, bucket: bucket, key: manifestKey)
            largeWriter = ManifestWriter(s3: own, bucket: bucket, key: largeManifestKey)
            uploadIsResumed = false
            summary = ListingSummary(
                manifestBucket: bucket, manifestKey: manifestKey, largeManifestKey: largeManifestKey, count: 0, totalBytes: 0,
                listed: 0, listedBytes: 0, complete: false)
            sourceAfter = nil
            sourceDone = false
            destinationAfter = nil
        }
    }

    mutating func list(until stop: ContinuousClock.Instant) throws(TransferError) -> ListingSummary {
        do throws(TransferError) {
            return try listPages(until: stop)
        } catch {
            if !uploadIsResumed {
                writer.abort()
                largeWriter.abort()
            }
            throw error
        }
    }

    private mutating func listPages(until stop: ContinuousClock.Instant) throws(TransferError) -> ListingSummary {
        let destination =
            request.listsDestination
            ? ListingCursor(
                s3: destinationStore, bucket: request.destinationBucket, prefix: request.destinationPrefix,
                startAfter: destinationAfter ?? sourceAfter.map(request.destinationKey(for:)))
            : nil
        if !sourceDone {
            let source = ListingCursor(
                s3: sourceStore, bucket: request.sourceBucket, prefix: request.sourcePrefix, startAfter: sourceAfter)
            while let object = try source.next() {
                try take(object, destination: destination)
                sourceAfter = object.key
                if source.isBetweenPages, ContinuousClock.now >= stop { return try suspend() }
            }
            sourceDone = true
        }
        if request.delete, let destination {
            while let extra = try destination.next() {
                try delete(extra)
                destinationAfter = extra.key
                if destination.isBetweenPages, ContinuousClock.now >= stop { return try suspend() }
            }
        }
        for manifest in [writer, largeWriter] {
            do {
                try manifest.finish()
            } catch {
                throw TransferError(error, context: "writing the manifest s3://\(manifest.bucket)/\(manifest.key)")
            }
        }
        counted()
        summary.complete = true
        summary.resume = nil
        return summary
    }

    private mutating func take(_ object: S3Object, destination: ListingCursor?) throws(TransferError) {
        let entry = ManifestEntry(key: object.key, size: object.size, etag: object.eTag)
        summary.listed += 1
        summary.listedBytes += entry.size
        if let destination {
            let suffix = object.key.utf8.dropFirst(request.sourcePrefix.utf8.count)
            var extras: [S3Object] = []
            let copy = try destination.object(withSuffix: suffix) { extra throws(TransferError) in extras.append(extra) }
            if request.delete { for extra in extras { try delete(extra) } }
            if request.mode == .sync, let copy, try isCopy(copy, of: entry) {
                summary.skipped += 1
                summary.skippedBytes += entry.size
                return
            }
        }
        let manifest = entry.size >= largeSize ? largeWriter : writer
        do {
            try manifest.append(entry)
        } catch {
            throw TransferError(error, context: "writing the manifest s3://\(manifest.bucket)/\(manifest.key)")
        }
    }

    private mutating func counted() {
        summary.count = writer.count + largeWriter.count
        summary.totalBytes = writer.totalBytes + largeWriter.totalBytes
        summary.largeCount = largeWriter.count
    }

    /// Whether `object` at the destination holds `entry`'s content: same size, and the same ETag or,
    /// for a multipart copy, `source-etag` metadata naming it (one HeadObject).
    private func isCopy(_ object: S3Object, of entry: ManifestEntry) throws(TransferError) -> Bool {
        guard object.size == entry.size else { return false }
        let eTag = ETag.unquoted(object.eTag)
        if eTag == entry.etag { return true }
        guard ETag.isMultipart(eTag) else { return false }
        do {
            let head = try destinationStore.headObject(bucket: request.destinationBucket, key: object.key)
            return head.metadata[ObjectCopier.sourceETagMetadata] == entry.etag
        } catch {
            throw TransferError(error, context: "checking s3://\(request.destinationBucket)/\(object.key)")
        }
    }

    private mutating func delete(_ extra: S3Object) throws(TransferError) {
        do {
            try destinationStore.deleteObject(bucket: request.destinationBucket, key: extra.key)
        } catch {
            throw TransferError(
                error, context: "deleting s3://\(request.destinationBucket)/\(extra.key), which the source does not have")
        }
        summary.deleted += 1
        summary.deletedBytes += extra.size
    }

    /// Stores the manifests' unsent bytes and answers where the next invocation starts.
    private mutating func suspend() throws(TransferError) -> ListingSummary {
        func checkpoint(_ manifest: ManifestWriter) throws(TransferError) -> ManifestWriter.Checkpoint {
            let tailKey = "\(manifest.key).tail-\(summary.invocations)"
            do {
                return try manifest.suspend(tailKey: tailKey)
            } catch {
                throw TransferError(error, context: "storing the manifest's tail s3://\(manifest.bucket)/\(tailKey)")
            }
        }
        let resume = ListingResume(
            sourceAfter: sourceAfter, sourceDone: sourceDone, destinationAfter: destinationAfter,
            manifest: try checkpoint(writer), largeManifest: try checkpoint(largeWriter))
        counted()
        summary.complete = false
        summary.resume = resume
        return summary
    }
}
