import AWS

/// `ValidateTransfer`: walks the manifest and the destination listing side by side and names every
/// manifest entry that is missing or differs at the destination.
///
/// Both sides come sorted by the key's UTF-8 bytes (S3 lists that way, and the manifest is a
/// listing), and a destination key is its source key with the prefix swapped, so one merge pass
/// compares them in constant memory. Sizes must be equal; ETags too when both are single-part. A
/// destination written by a multipart copy has a multipart ETag, so its `source-etag` metadata is
/// compared instead (one HeadObject for each such object).
public struct TransferValidator: Sendable {
    public let clients: RoleClients

    public init(clients: RoleClients) {
        self.clients = clients
    }

    public func run(_ event: ValidationEvent) throws(TransferError) -> ValidationResult {
        let request = event.request
        let manifest = ManifestReader(
            s3: S3Client(client: clients.own), bucket: event.listing.manifestBucket, key: event.listing.manifestKey)
        let destination = DestinationListing(
            s3: S3Client(client: clients.destination), bucket: request.destinationBucket, prefix: request.destinationPrefix)
        var checked = 0
        var mismatchCount = 0
        var mismatches: [ValidationResult.Mismatch] = []
        while let entry = try manifest.next() {
            checked += 1
            let suffix = entry.key.utf8.dropFirst(request.sourcePrefix.utf8.count)
            guard let reason = try destination.difference(from: entry, suffix: suffix) else { continue }
            mismatchCount += 1
            if mismatches.count < ValidationResult.listedMismatchLimit {
                mismatches.append(.init(key: entry.key, reason: reason))
            }
        }
        return ValidationResult(checked: checked, mismatchCount: mismatchCount, mismatches: mismatches)
    }
}

/// The destination listing, read a page at a time as the merge advances.
private final class DestinationListing {
    private let s3: S3Client
    private let bucket: String
    private let prefix: String
    private var page: [S3Object] = []
    private var position = 0
    private var continuationToken: String?
    private var exhausted = false

    init(s3: S3Client, bucket: String, prefix: String) {
        self.s3 = s3
        self.bucket = bucket
        self.prefix = prefix
    }

    /// Why the destination object for `entry` does not match, or nil when it does.
    func difference(from entry: ManifestEntry, suffix: Substring.UTF8View) throws(TransferError) -> String? {
        while let object = try current() {
            let objectSuffix = object.key.utf8.dropFirst(prefix.utf8.count)
            if objectSuffix.lexicographicallyPrecedes(suffix) {
                position += 1
                continue
            }
            guard objectSuffix.elementsEqual(suffix) else { break }
            position += 1
            return try compare(entry, with: object)
        }
        return "missing at s3://\(bucket)/\(prefix)\(suffix.string)"
    }

    private func compare(_ entry: ManifestEntry, with object: S3Object) throws(TransferError) -> String? {
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
            head = try s3.headObject(bucket: bucket, key: object.key)
        } catch {
            throw TransferError(error, context: "checking s3://\(bucket)/\(object.key)")
        }
        let recorded = head.metadata[ObjectCopier.sourceETagMetadata]
        guard let recorded, recorded != entry.etag else { return nil }
        return "content differs: copied from ETag \(recorded), the source has \(entry.etag)"
    }

    private func current() throws(TransferError) -> S3Object? {
        while position == page.count {
            guard !exhausted else { return nil }
            do {
                let next = try s3.listObjectsV2(bucket: bucket, prefix: prefix, continuationToken: continuationToken)
                page = next.objects
                continuationToken = next.nextContinuationToken
                exhausted = continuationToken == nil
            } catch {
                throw TransferError(error, context: "listing s3://\(bucket)/\(prefix)")
            }
            position = 0
        }
        return page[position]
    }
}
