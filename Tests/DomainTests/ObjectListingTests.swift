import AWS
import Foundation
import BatchTransfer
import Testing
import TransferCore

/// `ListObjects` against listings moto always pages evenly and never cuts off.
@Suite("ObjectListing over an in-memory S3")
struct ObjectListingTests {
    static let request = BatchRequest(
        sourceBucket: "source", sourcePrefix: "in/", destinationBucket: "destination", destinationPrefix: "out/")

    let store = InMemoryObjectStore()

    func list(
        _ executionName: String, request: BatchRequest = request, budgetSeconds: Int64 = 600, previous: ListingSummary? = nil,
        largeSize: Int64 = BatchSettings.defaultMultipartThreshold
    ) throws(TransferError) -> ListingSummary {
        try ObjectListing(
            stores: RoleStores(own: store, source: store, destination: store),
            settings: BatchSettings(manifestBucket: "manifests", multipartThreshold: largeSize, listingBudgetSeconds: budgetSeconds)
        ).run(
            ExecutionState(
                request: request, execution: ExecutionInfo(name: executionName, startedAt: "2025-06-01T12:00:00Z"),
                listing: previous))
    }

    /// Invokes the listing as the state machine does, until it is complete; every answer in order.
    func listToTheEnd(
        _ executionName: String, request: BatchRequest = request, budgetSeconds: Int64,
        largeSize: Int64 = BatchSettings.defaultMultipartThreshold
    ) throws -> [ListingSummary] {
        var answers = [try list(executionName, request: request, budgetSeconds: budgetSeconds, largeSize: largeSize)]
        while let last = answers.last, !last.complete {
            answers.append(
                try list(executionName, request: request, budgetSeconds: budgetSeconds, previous: last, largeSize: largeSize))
        }
        return answers
    }

    func manifest(_ summary: ListingSummary, key: String? = nil) throws -> [ManifestEntry] {
        let reader = ManifestReader(s3: store, bucket: summary.manifestBucket, key: key ?? summary.manifestKey)
        var entries: [ManifestEntry] = []
        while let entry = try reader.next() { entries.append(entry) }
        return entries
    }

    /// 2,503 source objects, every tenth already copied (but the 20th with other content), and
    /// an extra at the destination; returns the manifest `sync` must write.
    func seedSync() -> (work: [ManifestEntry], skippedBytes: Int64) {
        var work: [ManifestEntry] = []
        var skippedBytes: Int64 = 0
        for index in 0..<2_503 {
            let content = Content(Array("row \(index)\n".utf8))
            let eTag = store.put(content, bucket: "source", key: "in/part-\(padded(index)).csv")
            let copied = index % 10 == 0 && index != 20
            if index % 10 == 0 { store.put(content, bucket: "destination", key: "out/part-\(padded(index)).csv") }
            if copied {
                skippedBytes += content.size
            } else {
                work.append(ManifestEntry(key: "in/part-\(padded(index)).csv", size: content.size, etag: eTag))
            }
        }
        store.put(Content(Array("ROW 20\n".utf8)), bucket: "destination", key: "out/part-\(padded(20)).csv")
        store.put(Content(Array("stale".utf8)), bucket: "destination", key: "out/only-here.csv")
        store.put(Content(Array("beside the prefix".utf8)), bucket: "source", key: "input.csv")
        return (work, skippedBytes)
    }

    @Test("pages that end short, or come back empty yet truncated, still give a manifest of exactly the work, once each")
    func irregularPages() throws {
        let (work, skippedBytes) = seedSync()
        store.setPageSizes([1000, 0, 7, 999], bucket: "source")
        store.setPageSizes([3, 0, 250], bucket: "destination")

        let summary = try list("irregular")

        #expect(summary.complete && summary.resume == nil && summary.invocations == 1)
        #expect(summary.listed == 2_503)
        #expect(summary.skipped == 250 && summary.skippedBytes == skippedBytes, "already copied: counted, not written")
        #expect(summary.count == 2_253)
        #expect(summary.totalBytes == work.reduce(0) { $0 + $1.size })
        #expect(summary.listedBytes == summary.totalBytes + skippedBytes)
        #expect(summary.deleted == 0 && store.object(bucket: "destination", key: "out/only-here.csv") != nil)
        #expect(summary.manifestKey == "runs/irregular/manifest.json")
        #expect(try manifest(summary) == work, "every object to copy once, in listing order, none already copied")
        #expect(store.requests("ListObjectsV2").filter { $0.bucket == "source" }.count == 5)
    }

    @Test("a listing summary without the resume fields reads as a complete listing of one call")
    func summaryWithoutResumeFields() throws {
        let text = #"{"manifest_bucket": "m", "manifest_key": "k", "count": 2, "total_bytes": 10}"#
        let summary = try JSONDecoder().decode(ListingSummary.self, from: Data(text.utf8))
        #expect(summary == ListingSummary(manifestBucket: "m", manifestKey: "k", count: 2, totalBytes: 10))
        #expect(summary.complete && summary.listed == 2 && summary.listedBytes == 10 && summary.invocations == 1)
    }

    @Test("copy mode writes every listed object to the manifest and never lists the destination")
    func copyModeListsEverything() throws {
        _ = seedSync()
        var request = Self.request
        request.mode = .copy

        let summary = try list("copy-all", request: request)

        #expect(summary.count == 2_503 && summary.listed == 2_503 && summary.skipped == 0)
        #expect(store.requests("ListObjectsV2").allSatisfy { $0.bucket == "source" })
    }

    @Test("a listing with no time left resumes page by page, and its manifest is the one a single listing writes")
    func resumesPageByPage() throws {
        let (work, skippedBytes) = seedSync()
        var request = Self.request
        request.delete = true
        for index in 0..<1_500 {
            store.put(Content(Array("extra".utf8)), bucket: "destination", key: "out/zz-extra-\(padded(index)).csv")
        }

        let answers = try listToTheEnd("resumed", request: request, budgetSeconds: 0)

        #expect(answers.count == 4, "1,000 keys a page: three pages of the source, then the rest of the destination's extras")
        #expect(answers.dropLast().allSatisfy { !$0.complete && $0.resume != nil })
        #expect(answers.map(\.invocations) == [1, 2, 3, 4])
        let summary = try #require(answers.last)
        #expect(summary.complete && summary.listed == 2_503 && summary.skipped == 250 && summary.skippedBytes == skippedBytes)
        #expect(try manifest(summary) == work)
        #expect(summary.deleted == 1_501, "the extra between source keys and those after them")
        #expect(summary.deletedBytes == Int64("stale".utf8.count + 1_500 * "extra".utf8.count))
        #expect(store.object(bucket: "destination", key: "out/only-here.csv") == nil)
        #expect(store.keys(in: "destination").allSatisfy { !$0.contains("extra") })
        #expect(store.object(bucket: "destination", key: "out/part-\(padded(10)).csv") != nil, "copies are kept")
    }

    @Test("objects at the multipart threshold and above go to a manifest of their own, also across resumed invocations")
    func largeObjectsHaveTheirOwnManifest() throws {
        var (batched, large) = ([ManifestEntry](), [ManifestEntry]())
        for index in 0..<2_500 {
            let key = "in/part-\(padded(index)).bin"
            let content = Content.pattern(key, size: index % 100 == 7 ? 6_000 : 10)
            let entry = ManifestEntry(key: key, size: content.size, etag: store.put(content, bucket: "source", key: key))
            if content.size >= 5_000 { large.append(entry) } else { batched.append(entry) }
        }

        let answers = try listToTheEnd("split", budgetSeconds: 0, largeSize: 5_000)

        #expect(answers.count == 3, "three pages, each listed by an invocation of its own")
        let summary = try #require(answers.last)
        #expect(summary.count == 2_500 && summary.largeCount == 25 && summary.batchedCount == 2_475)
        #expect(summary.totalBytes == 25 * 6_000 + 2_475 * 10)
        #expect(try manifest(summary) == batched)
        #expect(summary.largeManifestKey == "runs/split/large-objects.json")
        #expect(try manifest(summary, key: summary.largeManifestKey) == large)
        let encoded = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(encoded.contains(#""batched_count":2475"#) && encoded.contains(#""large_count":25"#), "what the state machine's choices read")
    }

    @Test("an invocation that fails after writing is retried from the previous answer, and nothing is listed twice")
    func retriedInvocationResumesFromItsCheckpoint() throws {
        let (work, _) = seedSync()
        let first = try list("retried", budgetSeconds: 0)
        _ = try list("retried", budgetSeconds: 0, previous: first)  // lost: the state machine never saw it
        var answers = [try list("retried", budgetSeconds: 0, previous: first)]
        while let last = answers.last, !last.complete {
            answers.append(try list("retried", budgetSeconds: 0, previous: last))
        }
        let summary = try #require(answers.last)
        #expect(summary.listed == 2_503 && summary.count == work.count)
        #expect(try manifest(summary) == work)
    }

    @Test("a listing cut off after part of the manifest was uploaded fails the step and leaves no manifest and no upload")
    func cutOffAfterManifestPart() throws {
        // About 145 bytes a manifest line: 63,000 lines fill more than one 8 MiB part.
        for index in 0..<64_000 {
            let key = "in/daily/2025-06-01/region=eu-west-1/customer=acme-corporation/nightly-exports/object-\(padded(index)).json"
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
