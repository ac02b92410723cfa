import AWS
public import TransferCore

/// `ValidateTransfer`: walks the manifests (the batched objects' and the large objects', merged) and
/// the destination listing side by side and names every manifest entry that is missing or differs
/// at the destination.
///
/// Both sides come sorted by the key's UTF-8 bytes (S3 lists that way, and the manifest is a
/// listing), and a destination key is its source key with the prefix swapped, so one merge pass
/// compares them in constant memory. Sizes must be equal; ETags too when both are single-part. A
/// destination written by a multipart copy has a multipart ETag, so its `source-etag` metadata is
/// compared instead (one HeadObject for each such object).
public struct TransferValidator: Sendable {
    public let stores: RoleStores

    public init(stores: RoleStores) {
        self.stores = stores
    }

    public func run(_ state: ExecutionState) throws(TransferError) -> ValidationResult {
        let request = state.request
        let listing = try state.required(state.listing, "listing")
        let manifest = MergedManifests(
            [listing.manifestKey, listing.largeManifestKey].compactMap { $0 }.map { key in
                ManifestReader(s3: stores.own, bucket: listing.manifestBucket, key: key)
            })
        let destination = ListingCursor(
            s3: stores.destination, bucket: request.destinationBucket, prefix: request.destinationPrefix)
        var checked = 0
        var mismatchCount = 0
        var mismatches: [ValidationResult.Mismatch] = []
        while let entry = try manifest.next() {
            checked += 1
            let suffix = entry.key.utf8.dropFirst(request.sourcePrefix.utf8.count)
            let object = try destination.object(withSuffix: suffix)
            guard let reason = try Self.difference(from: entry, suffix: suffix, to: object, in: destination) else { continue }
            mismatchCount += 1
            if mismatches.count < ValidationResult.listedMismatchLimit {
                mismatches.append(.init(key: entry.key, reason: reason))
            }
        }
        return ValidationResult(checked: checked, mismatchCount: mismatchCount, mismatches: mismatches)
    }

    /// Why the destination object does not match `entry`, or nil when it does.
    private static func difference(
        from entry: ManifestEntry, suffix: Substring.UTF8View, to object: S3Object?, in destination: ListingCursor
    ) throws(TransferError) -> String? {
        guard let object else { return "missing at s3://\(destination.bucket)/\(destination.prefix)\(suffix.string)" }
        if object.size != entry.size {
            return "size differs: \(entry.size) bytes at the source, \(object.size) at the destination"
        }
        let eTag = ETag.unquoted(object.eTag)
        if !ETag.isMultipart(entry.etag), !ETag.isMultipart(eTag) {
            return eTag == entry.etag ? nil : "content differs: ETag \(entry.etag) at the source, \(eTag) at the destination"
        }
        guard ETag.isMultipart(eTag) else { return nil }
        let head: ObjectHead
        do {
            head = try destination.s3.headObject(bucket: destination.bucket, key: object.key)
        } catch {
            throw TransferError(error, context: "checking s3://\(destination.bucket)/\(object.key)")
        }
        let recorded = head.metadata[ObjectCopier.sourceETagMetadata]
        guard let recorded, recorded != entry.etag else { return nil }
        return "content differs: copied from ETag \(recorded), the source has \(entry.etag)"
    }
}
