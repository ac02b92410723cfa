import AWS
import BatchTransfer
import Foundation
import Testing
import TransferCore

/// `TransferObject` over a batch: every object reported, one bad object never failing the others,
/// and a passing fault retried by the state machine only while it has retries left.
@Suite("BatchCopier over an in-memory S3")
struct BatchCopierTests {
    static let request = BatchRequest(
        sourceBucket: "source", sourcePrefix: "in/", destinationBucket: "destination", destinationPrefix: "out/")

    let store = InMemoryObjectStore()

    func copier(retrySettleSeconds: Double = 0) -> BatchCopier {
        BatchCopier(
            copier: ObjectCopier(
                stores: RoleStores(own: store, source: store, destination: store),
                settings: BatchSettings(manifestBucket: "manifests", itemConcurrency: 4, retrySettleSeconds: retrySettleSeconds)))
    }

    /// Forty source objects and the batch of their manifest entries.
    func seed(retryCount: Int, maxRetries: Int = 8) -> TransferBatch {
        let items = (0..<40).map { index in
            let key = "in/item-\(padded(index)).bin"
            let content = Content(Array("item \(index)".utf8))
            return ManifestEntry(key: key, size: content.size, etag: store.put(content, bucket: "source", key: key))
        }
        return TransferBatch(request: Self.request, items: items, retryCount: retryCount, maxRetries: maxRetries)
    }

    @Test("an object denied for good is reported failed with its error, and every other object of the batch is copied")
    func deniedObjectFailsAlone() throws {
        let batch = seed(retryCount: 0)
        store.fail(with: S3Failure.accessDenied) { $0.operation == "CopyObject" && $0.key == "out/item-000007.bin" }

        let outcome = try copier().run(batch)

        #expect(outcome.items.map(\.key) == batch.items.map(\.key), "one outcome per item, in item order")
        #expect(outcome.copied == 39 && outcome.failed == 1 && outcome.skipped == 0)
        #expect(outcome.bytes == batch.items.reduce(0) { $0 + $1.size } - batch.items[7].size)
        let failure = outcome.items[7]
        #expect(failure.status == .failed && failure.error == "NonRetryableError")
        #expect(failure.reason?.contains("AccessDenied") == true, "\(failure.reason ?? "")")
        #expect(failure.reason?.contains("s3://source/in/item-000007.bin") == true)
        #expect(store.keys(in: "destination").count == 39)
    }

    @Test("a throttled object fails the batch while the state machine will retry it, and is reported failed on the last attempt")
    func throttledObjectRetriedThenReported() throws {
        let batch = seed(retryCount: 2, maxRetries: 3)
        store.fail(with: S3Failure.slowDown) { $0.operation == "CopyObject" && $0.key == "out/item-000011.bin" }

        let error = #expect(throws: TransferError.self) { try copier().run(batch) }
        #expect(error?.kind == .throttling)
        #expect(error?.errorMessage.contains("1 of 40 objects failed for now") == true, "\(String(describing: error))")

        var last = batch
        last.retryCount = 3
        let outcome = try copier().run(last)
        #expect(outcome.skipped == 39 && outcome.copied == 0 && outcome.failed == 1, "what the first attempt copied is not written again")
        #expect(outcome.items[11].error == "ThrottlingError")
    }

    @Test("a retried batch lets a killed attempt's copy still on its way land first, then skips it instead of writing it again")
    func retryLetsTheKilledAttemptsCopiesLand() throws {
        let batch = seed(retryCount: 1)
        let store = store
        // The killed attempt's CopyObject, already sent, lands just after the retry starts.
        let landing = Thread {
            usleep(100_000)
            _ = store.put(Content(Array("item 5".utf8)), bucket: "destination", key: "out/item-000005.bin")
        }
        landing.start()

        let outcome = try copier(retrySettleSeconds: 2).run(batch)

        #expect(outcome.items[5].status == .skipped)
        #expect(outcome.copied == 39 && outcome.skipped == 1)
        #expect(store.requests("CopyObject").allSatisfy { $0.key != "out/item-000005.bin" }, "written once, by the killed attempt")
    }

    @Test("the failure reasons of a large batch share a budget, so its output stays far below Step Functions' 256 KiB")
    func reasonsOfManyFailuresShareABudget() throws {
        let items = (0..<1_000).map { index in
            let key = "in/" + String(repeating: "long-name-", count: 10) + padded(index) + ".bin"
            let content = Content(Array("item \(index)".utf8))
            return ManifestEntry(key: key, size: content.size, etag: store.put(content, bucket: "source", key: key))
        }
        store.fail(with: S3Failure.accessDenied) { $0.operation == "CopyObject" }

        let outcome = try copier().run(TransferBatch(request: Self.request, items: items))

        #expect(outcome.failed == 1_000)
        #expect(outcome.items.allSatisfy { ($0.reason?.count ?? 0) == BatchCopier.shortestReason }, "each reason cut to the shortest kept")
        let few = try copier().run(TransferBatch(request: Self.request, items: Array(items.prefix(3))))
        #expect(few.items.allSatisfy { ($0.reason?.count ?? 0) > BatchCopier.shortestReason }, "a few failures keep their whole reason")
    }
}
