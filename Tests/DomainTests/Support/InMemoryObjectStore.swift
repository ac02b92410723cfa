import AWS
import Synchronization

/// An `ObjectStore` in memory that answers as S3 does, including the rules moto does not keep
/// (`x-amz-copy-source-if-match`, CopyObject's 5 GiB limit, the 5 MiB minimum part), and fails
/// the requests a test names with the errors it names (`intercept`, `fail`).
///
/// It stands where `S3Client` stands, above `AWSClient`: what it throws is what a step sees once
/// the client's own retries are spent. Every request is recorded (`requests`), so a test can say
/// what was asked, and in what order. Safe from many threads, as the parts of a multipart copy are
/// sent in parallel.
final class InMemoryObjectStore: Sendable {
    let state = Mutex(State())

    struct State {
        /// Bucket → key → object.
        var buckets: [String: [String: MemoryObject]] = [:]
        /// Each bucket's keys in S3's listing order, rebuilt after a write.
        var sortedKeys: [String: [String]] = [:]
        var uploads: [String: MemoryUpload] = [:]
        var uploadCount = 0
        var requests: [StoreRequest] = []
        var interceptions: [Interception] = []
        /// The sizes of a bucket's next listing pages, used up one a page; then `maxKeys` or 1,000.
        var pageSizes: [String: [Int]] = [:]
    }

    struct Interception {
        let matches: @Sendable (StoreRequest) -> Bool
        var skip: Int
        var remaining: Int?
        let action: @Sendable (StoreRequest) throws(AWSError) -> Void
    }

    /// The largest source CopyObject takes.
    static let maximumCopySize: Int64 = 5 * 1024 * 1024 * 1024
    /// The smallest part but the last.
    static let minimumPartSize: Int64 = 5 * 1024 * 1024

    init() {}

    // MARK: Setting up

    /// Stores `content` directly, as if uploaded earlier (no request is recorded); returns its ETag.
    @discardableResult
    func put(
        _ content: Content, bucket: String, key: String, contentType: String? = nil, metadata: [String: String] = [:]
    ) -> String {
        let object = MemoryObject(content: content, eTag: Self.eTag(of: content), contentType: contentType, metadata: metadata)
        state.withLock { $0.store(object, bucket: bucket, key: key) }
        return object.eTag
    }

    /// Lists the next pages of `bucket` with these many keys each (0 makes an empty page that is
    /// still truncated), whatever `maxKeys` asks.
    func setPageSizes(_ sizes: [Int], bucket: String) {
        state.withLock { $0.pageSizes[bucket] = sizes }
    }

    /// Runs `action` before answering each request that `matches`, from the `after + 1`-th such
    /// request on, `times` times (always when nil). What `action` throws is the request's answer.
    func intercept(
        after: Int = 0, times: Int? = nil, when matches: @escaping @Sendable (StoreRequest) -> Bool,
        _ action: @escaping @Sendable (StoreRequest) throws(AWSError) -> Void
    ) {
        state.withLock {
            $0.interceptions.append(Interception(matches: matches, skip: after, remaining: times, action: action))
        }
    }

    /// Answers the requests that `matches` with `error` instead (see `intercept`).
    func fail(
        with error: @escaping @Sendable (StoreRequest) -> AWSError, after: Int = 0, times: Int? = nil,
        when matches: @escaping @Sendable (StoreRequest) -> Bool
    ) {
        intercept(after: after, times: times, when: matches) { request throws(AWSError) in throw error(request) }
    }

    // MARK: Inspecting

    func object(bucket: String, key: String) -> MemoryObject? {
        state.withLock { $0.buckets[bucket]?[key] }
    }

    /// The keys of `bucket`, in listing order.
    func keys(in bucket: String) -> [String] {
        state.withLock { $0.keys(in: bucket) }
    }

    /// Multipart uploads neither completed nor aborted.
    var openUploads: [String: MemoryUpload] {
        state.withLock { $0.uploads }
    }

    var requests: [StoreRequest] {
        state.withLock { $0.requests }
    }

    func requests(_ operation: String) -> [StoreRequest] {
        requests.filter { $0.operation == operation }
    }

    // MARK: Answering

    /// Records `request` and runs the interceptions it matches.
    func receive(_ request: StoreRequest) throws(AWSError) {
        let actions = state.withLock { state in
            state.requests.append(request)
            var actions: [@Sendable (StoreRequest) throws(AWSError) -> Void] = []
            for index in state.interceptions.indices where state.interceptions[index].matches(request) {
                if state.interceptions[index].skip > 0 {
                    state.interceptions[index].skip -= 1
                    continue
                }
                if let remaining = state.interceptions[index].remaining {
                    guard remaining > 0 else { continue }
                    state.interceptions[index].remaining = remaining - 1
                }
                actions.append(state.interceptions[index].action)
            }
            return actions
        }
        for action in actions { try action(request) }
    }

    /// Stands in for S3's MD5 ETag: equal for equal content, and never multipart-looking.
    static func eTag(of content: Content) -> String {
        String(UInt64(bitPattern: Int64(content.hashValue)), radix: 16)
    }
}

extension InMemoryObjectStore.State {
    mutating func store(_ object: MemoryObject, bucket: String, key: String) {
        buckets[bucket, default: [:]][key] = object
        sortedKeys[bucket] = nil
    }

    mutating func remove(bucket: String, key: String) {
        buckets[bucket]?[key] = nil
        sortedKeys[bucket] = nil
    }

    mutating func keys(in bucket: String) -> [String] {
        if let keys = sortedKeys[bucket] { return keys }
        let keys = (buckets[bucket] ?? [:]).keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        sortedKeys[bucket] = keys
        return keys
    }
}

/// One request the store received.
struct StoreRequest: Sendable, Hashable {
    var operation: String
    var bucket: String
    var key: String?
    var uploadID: String? = nil
    var partNumber: Int? = nil
    /// The bytes asked for (GetObject) or copied (UploadPartCopy), inclusive.
    var range: ClosedRange<Int64>? = nil
    /// `If-Match`, or `x-amz-copy-source-if-match` for a copy, as sent.
    var ifMatch: String? = nil
    /// A copy's source, `bucket/key`.
    var source: String? = nil
    var continuationToken: String? = nil
}

/// An object in the store.
struct MemoryObject: Sendable, Hashable {
    var content: Content
    /// Without quotes.
    var eTag: String
    var contentType: String?
    var metadata: [String: String]
    var checksum: S3Checksum? = nil
}

/// A multipart upload in progress.
struct MemoryUpload: Sendable, Hashable {
    var bucket: String
    var key: String
    var contentType: String?
    var metadata: [String: String]
    var parts: [Int: Part] = [:]

    struct Part: Sendable, Hashable {
        var content: Content
        var eTag: String
    }
}
