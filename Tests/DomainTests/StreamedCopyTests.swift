import AWS
import Foundation
import Synchronization
import BatchTransfer
import Testing
import TransferCore

/// `operation_mode` over two in-memory stores: what the source role sees, and what the destination
/// role sees, which refuses it every request on the source bucket (as S3 refuses a destination role
/// that may not read the source).
@Suite("ObjectCopier's direct, streamed and auto modes, in memory")
struct StreamedCopyTests {
    let sourceView = InMemoryObjectStore()
    let destinationView = InMemoryObjectStore()

    init() {
        destinationView.fail(with: S3Failure.accessDenied) { $0.bucket == "source" || $0.source?.hasPrefix("source/") == true }
    }

    func copy(_ key: String, mode: BatchRequest.OperationMode) throws(TransferError) -> TransferOutcome {
        let object = sourceView.object(bucket: "source", key: key)!
        let request = BatchRequest(
            sourceBucket: "source", sourcePrefix: "in/", destinationBucket: "destination", destinationPrefix: "out/",
            operationMode: mode)
        return try ObjectCopier(
            stores: RoleStores(own: destinationView, source: sourceView, destination: destinationView),
            settings: BatchSettings(manifestBucket: "manifests")
        ).run(TransferItem(request: request, entry: ManifestEntry(key: key, size: object.content.size, etag: object.eTag)))
    }

    @Test("direct fails an object the destination role may not read, NonRetryable, and writes nothing")
    func directFails() throws {
        sourceView.put(.pattern("small", size: 1_000), bucket: "source", key: "in/small.bin")
        let error = #expect(throws: TransferError.self) { try copy("in/small.bin", mode: .direct) }
        #expect(error?.kind == .nonRetryable)
        #expect(error?.errorMessage.contains("AccessDenied") == true, "\(String(describing: error))")
        #expect(destinationView.keys(in: "destination").isEmpty)
    }

    /// Large objects, streamed in parts with their CRC32C, are copied through moto in
    /// `BatchWorkflowTests`; here the small path, whose every request can be inspected.
    @Test("auto streams what S3 refuses to copy: read as the source role, pinned to its ETag, written as the destination role")
    func autoStreams() throws {
        let content = Content(Array("date,amount\n2025-06-01,12\n".utf8))
        let eTag = sourceView.put(content, bucket: "source", key: "in/small.csv", contentType: "text/csv", metadata: ["owner": "acme"])

        let outcome = try copy("in/small.csv", mode: .auto)

        #expect(outcome.status == .copied && outcome.method == .streamed && outcome.bytes == content.size)
        let copied = try #require(destinationView.object(bucket: "destination", key: "out/small.csv"))
        #expect(copied.content.bytes == content.bytes)
        #expect(copied.contentType == "text/csv")
        #expect(copied.metadata["owner"] == "acme" && copied.metadata[ObjectCopier.sourceETagMetadata] == eTag)
        #expect(copied.checksum?.algorithm == .crc32c, "the PUT carried the CRC32C of the bytes read")
        #expect(sourceView.requests("GetObject").map(\.ifMatch) == ["\"\(eTag)\""], "one read, pinned to the listed ETag")
        #expect(destinationView.requests("CopyObject").count == 1, "the server-side copy was tried first")
    }

    @Test("streamed skips the server-side copy altogether")
    func streamedNeverCopiesServerSide() throws {
        sourceView.put(Content(Array("x".utf8)), bucket: "source", key: "in/x.txt")
        #expect(try copy("in/x.txt", mode: .streamed).method == .streamed)
        #expect(destinationView.requests("CopyObject").isEmpty)
    }

    @Test("auto does not stream when the write itself is refused: the error is the copy's")
    func autoKeepsWriteDenials() throws {
        let open = InMemoryObjectStore()
        open.put(.pattern("small", size: 1_000), bucket: "source", key: "in/small.bin")
        open.fail(with: S3Failure.accessDenied) { $0.operation == "CopyObject" }
        let request = BatchRequest(
            sourceBucket: "source", sourcePrefix: "in/", destinationBucket: "destination", destinationPrefix: "out/")
        let object = try #require(open.object(bucket: "source", key: "in/small.bin"))
        let error = #expect(throws: TransferError.self) {
            try ObjectCopier(stores: RoleStores(own: open, source: open, destination: open), settings: BatchSettings(manifestBucket: "m"))
                .run(TransferItem(request: request, entry: ManifestEntry(key: "in/small.bin", size: 1_000, etag: object.eTag)))
        }
        #expect(error?.kind == .nonRetryable)
        #expect(open.requests.filter { $0.operation == "PutObject" || $0.operation == "GetObject" }.isEmpty)
    }

    @Test("a batch streams at most StreamConcurrency objects at once, whatever its item concurrency")
    func streamedObjectsInFlightAreCapped() throws {
        let inFlight = Mutex((now: 0, most: 0))
        sourceView.intercept(when: { $0.operation == "GetObject" }) { _ in
            inFlight.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            usleep(20_000)
        }
        destinationView.intercept(when: { $0.operation == "PutObject" }) { _ in inFlight.withLock { $0.now -= 1 } }
        let items = (0..<24).map { index in
            let key = "in/streamed-\(index).bin"
            let content = Content.pattern(key, size: 2_000)
            return ManifestEntry(key: key, size: content.size, etag: sourceView.put(content, bucket: "source", key: key))
        }
        let request = BatchRequest(
            sourceBucket: "source", sourcePrefix: "in/", destinationBucket: "destination", destinationPrefix: "out/",
            operationMode: .streamed)
        let copier = BatchCopier(
            copier: ObjectCopier(
                stores: RoleStores(own: destinationView, source: sourceView, destination: destinationView),
                settings: BatchSettings(manifestBucket: "manifests", itemConcurrency: 16, streamConcurrency: 3)))

        let outcome = try copier.run(TransferBatch(request: request, items: items))

        #expect(outcome.copied == 24 && outcome.items.allSatisfy { $0.method == .streamed })
        #expect(inFlight.withLock { $0.most } == 3, "16 copies at once, 3 of them streaming")
        #expect(destinationView.keys(in: "destination").count == 24)
    }
}
