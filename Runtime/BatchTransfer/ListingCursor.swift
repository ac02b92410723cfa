import AWS
import TransferCore

/// A bucket listing under a prefix, read a page at a time as a merge with another sorted sequence
/// advances: both sides come sorted by the key's UTF-8 bytes (S3 lists that way), so finding each
/// counterpart is one forward pass in constant memory.
final class ListingCursor {
    let s3: any ObjectStore
    let bucket: String
    let prefix: String
    private var page: [S3Object] = []
    private var position = 0
    private let startAfter: String?
    private var continuationToken: String?
    private var exhausted = false

    /// - Parameter startAfter: the listing begins after this key (a resumed listing).
    init(s3: any ObjectStore, bucket: String, prefix: String, startAfter: String? = nil) {
        self.s3 = s3
        self.bucket = bucket
        self.prefix = prefix
        self.startAfter = startAfter
    }

    /// Whether the last object returned ended its page and more pages follow: a point where the
    /// listing can stop and later resume after that object's key.
    var isBetweenPages: Bool { position == page.count && !exhausted }

    /// The next object of the listing, or nil at its end.
    func next() throws(TransferError) -> S3Object? {
        guard let object = try current() else { return nil }
        position += 1
        return object
    }

    /// The object whose key is `prefix + suffix`, or nil when there is none. Suffixes must be asked
    /// for in ascending order; objects passed over are given to `passedOver` and skipped for good.
    func object(
        withSuffix suffix: Substring.UTF8View, passedOver: (S3Object) throws(TransferError) -> Void = { _ in }
    ) throws(TransferError) -> S3Object? {
        while let object = try current() {
            let objectSuffix = object.key.utf8.dropFirst(prefix.utf8.count)
            if objectSuffix.lexicographicallyPrecedes(suffix) {
                position += 1
                try passedOver(object)
                continue
            }
            guard objectSuffix.elementsEqual(suffix) else { return nil }
            position += 1
            return object
        }
        return nil
    }

    private func current() throws(TransferError) -> S3Object? {
        while position == page.count {
            guard !exhausted else { return nil }
            do {
                let next = try s3.listObjectsV2(
                    bucket: bucket, prefix: prefix, delimiter: nil, startAfter: startAfter, continuationToken: continuationToken,
                    maxKeys: nil)
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
