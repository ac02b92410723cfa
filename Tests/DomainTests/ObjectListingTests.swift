import AWS
import BatchTransfer
import Testing
import TransferCore

/// `ListObjects` against listings moto always pages evenly and never cuts off.
@Suite("ObjectListing over an in-memory S3")
struct ObjectListingTests {
    static let request = BatchRequest(
        sourceBucket: "source", sourcePrefix: "in/", destinationBucket: "destination", destinationPrefix: "out/")

    let store = InMemoryObjectStore()

    func list(_ executionName: String) throws(TransferError) -> ListingSummary {
        try ObjectListing(
            stores: RoleStores(own: store, source: store, destination: store),
            settings: BatchSettings(manifestBucket: "manifests")
        ).run(
            ExecutionState(
                request: Self.request, execution: ExecutionInfo(name: executionName, startedAt: "2025-06-01T12:00:00Z")))
    }

    func manifest(_ summary: ListingSummary) throws -> [ManifestEntry] {
        let reader = ManifestReader(s3: store, bucket: summary.manifestBucket, key: summary.manifestKey)
        var entries: [ManifestEntry] = []
        while let entry = try reader.next() { entries.append(entry) }
        return entries
    }

    @Test("pages that end short, or come back empty yet truncated, still give a manifest of every object exactly once")
    func irregularPages() throws {
        var expected: [ManifestEntry] = []
        for index in 0..<2_503 {
            let content = Content(Array("row \(index)\n".utf8))
            let eTag = store.put(content, bucket: "source", key: "in/part-\(padded(index)).csv")
            let copied = index % 10 == 0
            if copied { store.put(content, bucket: "destination", key: "out/part-\(padded(index)).csv") }
            expected.append(ManifestEntry(key: "in/part-\(padded(index)).csv", size: content.size, etag: eTag, present: copied))
        }
        store.put(Content(Array("ROW 20\n".utf8)), bucket: "destination", key: "out/part-\(padded(20)).csv")
        expected[20].present = false
        store.put(Content(Array("stale".utf8)), bucket: "destination", key: "out/only-here.csv")
        store.put(Content(Array("beside the prefix".utf8)), bucket: "source", key: "input.csv")
        store.setPageSizes([1000, 0, 7, 999], bucket: "source")
        store.setPageSizes([3, 0, 250], bucket: "destination")

        let summary = try list("irregular")

        #expect(summary.count == 2_503)
        #expect(summary.totalBytes == expected.reduce(0) { $0 + $1.size })
        #expect(summary.manifestKey == "runs/irregular/manifest.json")
        let entries = try manifest(summary)
        #expect(entries.count == expected.count)
        #expect(entries == expected, "every source object once, in listing order, present only where it is already copied")
        #expect(store.requests("ListObjectsV2").filter { $0.bucket == "source" }.count == 5)
    }

    @Test("a listing cut off after part of the manifest was uploaded fails the step and leaves no manifest and no upload")
    func cutOffAfterManifestPart() throws {
        // About 145 bytes a manifest line: 63,000 lines fill more than one 8 MiB part.
        for index in 0..<64_000 {
            let key = "in/daily/2025-06-01/region=eu-west-1/customer=acme-corporation/object-\(padded(index)).json"
            store.put(Content(Array(key.utf8)), bucket: "source", key: key)
        }
        store.fail(with: S3Failure.internalError, after: 63) { $0.operation == "ListObjectsV2" && $0.bucket == "source" }

        let error = #expect(throws: TransferError.self) { try list("cut-off") }

        #expect(error?.kind == .transient)
        #expect(error?.errorMessage.contains("listing s3://source/in/") == true, "\(String(describing: error))")
        #expect(error?.errorMessage.contains("InternalError") == true, "\(String(describing: error))")
        #expect(store.requests("ListObjectsV2").filter { $0.bucket == "source" }.count == 64)
        #expect(store.requests("UploadPart").count == 1, "63,000 entries filled one 8 MiB part of the manifest")
        #expect(store.requests("AbortMultipartUpload").count == 1)
        #expect(store.openUploads.isEmpty)
        #expect(store.object(bucket: "manifests", key: "runs/cut-off/manifest.json") == nil)
    }

    enum Cut: String, CaseIterable {
        case sourceThrottled, sourceServerError, destinationDenied

        var bucket: String { self == .destinationDenied ? "destination" : "source" }

        var error: @Sendable (StoreRequest) -> AWSError {
            switch self {
            case .sourceThrottled: S3Failure.slowDown
            case .sourceServerError: S3Failure.internalError
            case .destinationDenied: S3Failure.accessDenied
            }
        }

        var kind: TransferError.Kind {
            switch self {
            case .sourceThrottled: .throttling
            case .sourceServerError: .transient
            case .destinationDenied: .nonRetryable
            }
        }
    }

    @Test(
        "a listing cut off on its second page is reported as the failure it was, for the side it was on",
        arguments: Cut.allCases)
    func cutOffClassified(cut: Cut) throws {
        for index in 0..<30 {
            store.put(Content(Array("\(index)".utf8)), bucket: "source", key: "in/\(padded(index))")
            store.put(Content(Array("\(index)".utf8)), bucket: "destination", key: "out/\(padded(index))")
        }
        store.setPageSizes([10, 10, 10], bucket: "source")
        store.setPageSizes([10, 10, 10], bucket: "destination")
        let bucket = cut.bucket
        store.fail(with: cut.error, after: 1) { $0.operation == "ListObjectsV2" && $0.bucket == bucket }

        let error = #expect(throws: TransferError.self) { try list("cut-\(cut.rawValue)") }

        #expect(error?.kind == cut.kind)
        let prefix = bucket == "source" ? "in/" : "out/"
        #expect(error?.errorMessage.contains("listing s3://\(bucket)/\(prefix)") == true, "\(String(describing: error))")
        #expect(store.requests("PutObject").isEmpty, "no manifest is written")
        #expect(store.keys(in: "manifests").isEmpty)
    }
}
