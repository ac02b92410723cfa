import AWS
import BatchTransfer
import Testing
import TransferCore

/// `TransferObject`'s copy against an S3 that keeps the rules moto does not: the source pinned by
/// `x-amz-copy-source-if-match`, CopyObject's 5 GiB limit, and throttling.
@Suite("ObjectCopier over an in-memory S3")
struct ObjectCopierTests {
    static let request = BatchRequest(
        sourceBucket: "source", sourcePrefix: "in/", destinationBucket: "destination", destinationPrefix: "out/")

    let store = InMemoryObjectStore()

    func copy(_ entry: ManifestEntry, settings: BatchSettings = BatchSettings(manifestBucket: "manifests")) throws(TransferError)
        -> TransferOutcome
    {
        try ObjectCopier(stores: RoleStores(own: store, source: store, destination: store), settings: settings)
            .run(TransferItem(request: Self.request, entry: entry))
    }

    /// The manifest entry a listing makes of the source object `key` as it is now.
    func listed(_ key: String) throws -> ManifestEntry {
        let object = try #require(store.object(bucket: "source", key: key))
        return ManifestEntry(key: key, size: object.content.size, etag: object.eTag)
    }

    enum CopyPath: String, CaseIterable {
        case copyObject, multipartCopy
    }

    @Test(
        "a source replaced between the listing and the copy fails its item NonRetryable, naming the key, and writes nothing",
        arguments: CopyPath.allCases)
    func sourceReplacedAfterListing(path: CopyPath) throws {
        let size = path == .copyObject ? 1 * mib : 12 * mib
        let settings =
            path == .copyObject
            ? BatchSettings(manifestBucket: "manifests")
            : BatchSettings(manifestBucket: "manifests", multipartThreshold: 5 * mib, partSize: 5 * mib)
        store.put(.pattern("ledger, version 1", size: size), bucket: "source", key: "in/ledger.csv")
        let entry = try listed("in/ledger.csv")
        store.put(.pattern("ledger, version 2", size: size), bucket: "source", key: "in/ledger.csv")

        let error = #expect(throws: TransferError.self) { try copy(entry, settings: settings) }

        #expect(error?.kind == .nonRetryable, "the manifest's ETag is stale: only a new listing can help")
        #expect(error?.errorType == "NonRetryableError")
        #expect(error?.errorMessage.contains("s3://source/in/ledger.csv") == true, "\(String(describing: error))")
        #expect(error?.errorMessage.contains("PreconditionFailed") == true, "\(String(describing: error))")
        #expect(store.object(bucket: "destination", key: "out/ledger.csv") == nil)
        #expect(store.openUploads.isEmpty, "a multipart copy's upload is aborted")
        let copies = store.requests.filter { $0.operation == "CopyObject" || $0.operation == "UploadPartCopy" }
        #expect(!copies.isEmpty)
        #expect(copies.allSatisfy { $0.ifMatch == "\"\(entry.etag)\"" }, "every copy is pinned to the listed ETag")
        #expect(copies.allSatisfy { $0.operation == (path == .copyObject ? "CopyObject" : "UploadPartCopy") })
    }

    @Test(
        "an object of 5 GiB or more is copied in UploadPartCopy parts of the part size, never by one CopyObject",
        arguments: [(5 * gib, 52), (6 * gib + 12_345, 62)])
    func largeObjectCopiedInParts(size: Int64, partCount: Int) throws {
        store.put(
            .pattern("archive", size: size), bucket: "source", key: "in/archive.tar", contentType: "application/x-tar",
            metadata: ["owner": "finance"])
        let entry = try listed("in/archive.tar")

        // The defaults: 5 GiB threshold, 100 MiB parts, 8 at a time.
        let outcome = try copy(entry)

        #expect(
            outcome
                == TransferOutcome(
                    key: "in/archive.tar", destinationKey: "out/archive.tar", status: .copied, method: .multipartCopy,
                    bytes: size))
        #expect(store.requests("CopyObject").isEmpty)
        let parts = store.requests("UploadPartCopy").sorted { $0.partNumber! < $1.partNumber! }
        let partSize = 100 * mib
        #expect(parts.map(\.partNumber) == Array(1...partCount))
        let expectedRanges: [ClosedRange<Int64>?] = (0..<Int64(partCount)).map { index in
            index * partSize...min((index + 1) * partSize, size) - 1
        }
        #expect(parts.map(\.range) == expectedRanges, "consecutive 100 MiB ranges, the last one short")
        #expect(parts.allSatisfy { $0.source == "source/in/archive.tar" && $0.ifMatch == "\"\(entry.etag)\"" })
        let copied = try #require(store.object(bucket: "destination", key: "out/archive.tar"))
        #expect(
            copied.content == store.object(bucket: "source", key: "in/archive.tar")?.content,
            "the parts cover the source's bytes in order, each once")
        #expect(copied.contentType == "application/x-tar")
        #expect(copied.metadata == ["owner": "finance", ObjectCopier.sourceETagMetadata: entry.etag])
        #expect(store.openUploads.isEmpty)
    }

    @Test("S3 refuses one CopyObject of more than 5 GiB with InvalidRequest, so a threshold set above 5 GiB fails the item")
    func copyObjectAboveFiveGiB() throws {
        store.put(.pattern("disk image", size: 6 * gib), bucket: "source", key: "in/disk.img")
        let refused = #expect(throws: AWSError.self) {
            try store.copyObject(
                sourceBucket: "source", sourceKey: "in/disk.img", bucket: "destination", key: "out/disk.img",
                options: CopyObjectOptions())
        }
        #expect(refused?.code == "InvalidRequest")
        #expect(refused?.httpStatus == 400)

        let settings = BatchSettings(manifestBucket: "manifests", multipartThreshold: 10 * gib)
        let error = #expect(throws: TransferError.self) { try copy(try listed("in/disk.img"), settings: settings) }

        #expect(error?.kind == .nonRetryable)
        #expect(error?.errorMessage.contains("s3://source/in/disk.img") == true, "\(String(describing: error))")
        #expect(error?.errorMessage.contains("InvalidRequest") == true, "\(String(describing: error))")
        #expect(store.requests("UploadPartCopy").isEmpty)
        #expect(store.object(bucket: "destination", key: "out/disk.img") == nil)
    }

    /// The store answers above `AWSClient`, whose policy retries a SlowDown up to five attempts:
    /// this is throttling that outlasts those retries, as the step sees it.
    @Test(
        "SlowDown on the third part fails the item ThrottlingError with the upload aborted, and the item's retry copies it whole",
        arguments: [1, 8])
    func throttledThirdPart(concurrency: Int) throws {
        store.put(.pattern("video", size: 1 * gib), bucket: "source", key: "in/video.mp4")
        let entry = try listed("in/video.mp4")
        store.fail(with: S3Failure.slowDown, times: 1) { $0.operation == "UploadPartCopy" && $0.partNumber == 3 }
        let settings = BatchSettings(
            manifestBucket: "manifests", multipartThreshold: 100 * mib, partSize: 100 * mib, partConcurrency: concurrency)

        let error = #expect(throws: TransferError.self) { try copy(entry, settings: settings) }

        #expect(error?.kind == .throttling, "the state machine retries ThrottlingError with backoff")
        #expect(error?.errorType == "ThrottlingError")
        #expect(error?.errorMessage.contains("s3://source/in/video.mp4") == true, "\(String(describing: error))")
        #expect(error?.errorMessage.contains("SlowDown") == true, "\(String(describing: error))")
        #expect(store.object(bucket: "destination", key: "out/video.mp4") == nil)
        #expect(store.requests("CompleteMultipartUpload").isEmpty)
        #expect(store.requests("AbortMultipartUpload").count == 1)
        #expect(store.openUploads.isEmpty, "no parts are left to bill, and the retry starts a fresh upload")
        if concurrency == 1 {
            #expect(store.requests("UploadPartCopy").map(\.partNumber) == [1, 2, 3], "no part is sent after the failure")
        }

        let outcome = try copy(entry, settings: settings)

        #expect(outcome.status == .copied)
        let source = store.object(bucket: "source", key: "in/video.mp4")
        #expect(store.object(bucket: "destination", key: "out/video.mp4")?.content == source?.content)
        #expect(store.openUploads.isEmpty)
    }
}
