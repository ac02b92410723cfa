import AWS
import BatchTransfer
import Foundation
import Testing
import TransferCore

/// `GenerateReport` and `ValidateTransfer` over runs with far more failures than moto tests
/// make: everything counted, every failed key named once, and what goes back to the state machine
/// or to SNS kept small.
@Suite("reports over many failures, in memory")
struct ReportTests {
    static let request = BatchRequest(
        sourceBucket: "source", sourcePrefix: "in/", destinationBucket: "destination", destinationPrefix: "out/")
    static let started = Date(timeIntervalSince1970: 1_748_779_200)  // 2025-06-01T12:00:00Z

    let store = InMemoryObjectStore()

    /// One child execution's result, as a Distributed Map's ResultWriter writes it.
    struct ResultEntry: Encodable {
        var Status: String
        var Input: String?
        var Output: String?
        var Error: String?
        var Cause: String?
    }

    /// The error document a failed Lambda leaves as a state's `Cause`.
    struct LambdaError: Encodable {
        var errorType: String
        var errorMessage: String
    }

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    func batch(_ keys: [String]) throws -> String {
        try json(TransferBatch(request: Self.request, items: keys.map { ManifestEntry(key: $0, size: 1_000, etag: "etag-\($0)") }))
    }

    /// Writes the result files of a Distributed Map run and its result manifest, as a
    /// ResultWriter does; returns the Map's output naming them.
    func storeResults(succeeded: [[ResultEntry]], failed: [[ResultEntry]]) throws -> MapRunOutput {
        let folder = "runs/big-run/results/7f3a"
        func write(_ status: String, _ files: [[ResultEntry]]) throws -> String {
            var keys: [String] = []
            for (index, entries) in files.enumerated() {
                let key = "\(folder)/\(status)_\(index).json"
                store.put(Content(Array(try json(entries).utf8)), bucket: "manifests", key: key)
                keys.append(#"{"Key": "\#(key)", "Size": 1}"#)
            }
            return "[" + keys.joined(separator: ", ") + "]"
        }
        let manifest = """
            {"DestinationBucket": "manifests", "MapRunArn": "arn:aws:states:us-east-1:123456789012:mapRun:batch/big-run:1",
             "ResultFiles": {"FAILED": \(try write("FAILED", failed)), "PENDING": [], "SUCCEEDED": \(try write("SUCCEEDED", succeeded))}}
            """
        store.put(Content(Array(manifest.utf8)), bucket: "manifests", key: "\(folder)/manifest.json")
        let output = #"{"ResultWriterDetails": {"Bucket": "manifests", "Key": "\#(folder)/manifest.json"}}"#
        return try JSONDecoder().decode(MapRunOutput.self, from: Data(output.utf8))
    }

    @Test("a run with 10,000 failed items reports each failed key once with its reason, and sends back only counts")
    func tenThousandFailures() throws {
        var outcomes: [TransferOutcome] = []
        var copiedBytes: Int64 = 0
        var expectedErrors: [String: String] = [:]
        var expectedReasons: [String: String] = [:]
        for index in 0..<250 {
            let key = "in/ok-\(padded(index))"
            let copied = index < 200
            let outcome = TransferOutcome(
                key: key, destinationKey: "out/ok-\(padded(index))", status: copied ? .copied : .skipped,
                method: copied ? .copyObject : .none, bytes: copied ? Int64(index) * 1_000 : 0)
            copiedBytes += outcome.bytes
            outcomes.append(outcome)
        }
        var timedOut: [String] = []
        for index in 0..<10_000 {
            let key = "in/failed-\(padded(index))"
            if index % 1_000 >= 998 {
                // Batches whose Lambda ran out of time: Step Functions records no cause.
                timedOut.append(key)
                (expectedErrors[key], expectedReasons[key]) = ("States.Timeout", "")
                continue
            }
            let type = index % 3 == 0 ? "ThrottlingError" : "NonRetryableError"
            let message = "copying s3://source/\(key) to s3://destination/out/failed-\(padded(index)): failure \(index)"
            outcomes.append(
                TransferOutcome(
                    key: key, destinationKey: "out/failed-\(padded(index))", status: .failed, method: .none, bytes: 0, error: type,
                    reason: message))
            (expectedErrors[key], expectedReasons[key]) = (type, message)
        }
        let succeeded = try stride(from: 0, to: outcomes.count, by: 100).map { start in
            let items = Array(outcomes[start..<min(start + 100, outcomes.count)])
            return ResultEntry(Status: "SUCCEEDED", Input: try batch(items.map(\.key)), Output: try json(BatchOutcome(items: items)))
        }
        let failed = try stride(from: 0, to: timedOut.count, by: 2).map { start in
            ResultEntry(Status: "FAILED", Input: try batch(Array(timedOut[start..<(start + 2)])), Error: "States.Timeout")
        }
        var state = ExecutionState(
            request: Self.request, execution: ExecutionInfo(name: "big-run", startedAt: "2025-06-01T12:00:00Z"),
            listing: ListingSummary(
                manifestBucket: "manifests", manifestKey: "runs/big-run/manifest.json", count: 10_250, totalBytes: 10_250_000,
                listed: 10_300, listedBytes: 10_300_000, skipped: 50, skippedBytes: 50_000, deleted: 3, deletedBytes: 30),
            validation: ValidationResult(
                checked: 10_250, mismatchCount: 10_000,
                mismatches: (0..<100).map { .init(key: "in/failed-\(padded($0))", reason: "missing") }))
        state.transfer = try storeResults(succeeded: [Array(succeeded[..<60]), Array(succeeded[60...])], failed: [failed])
        let topic = RecordingTopic()
        let generator = ReportGenerator(
            stores: RoleStores(own: store, source: store, destination: store), topic: topic,
            settings: BatchSettings(manifestBucket: "manifests", reportTopicARN: "arn:aws:sns:us-east-1:123456789012:reports"),
            now: { Self.started.addingTimeInterval(3_600.5) })

        let summary = try generator.run(state)

        #expect(summary.status == .failed)
        #expect(summary.objects == TransferReport.Counts(listed: 10_300, copied: 200, skipped: 100, failed: 10_000, deleted: 3))
        #expect(summary.reportKey == "runs/big-run/report.json")
        #expect(try JSONEncoder().encode(summary).count < 1_024, "the state document gets counts, never the failures")

        let stored = try #require(store.object(bucket: "manifests", key: "runs/big-run/report.json"))
        let report = try JSONDecoder().decode(TransferReport.self, from: Data(stored.content.bytes))
        #expect(report.objects == summary.objects)
        #expect(report.bytes == TransferReport.ByteCounts(listed: 10_300_000, copied: copiedBytes, skipped: 50_000, deleted: 30))
        #expect(report.mode == .sync)
        #expect(report.failures.count == 10_000)
        #expect(Set(report.failures.map(\.key)).count == 10_000, "each failed key is named once")
        #expect(Dictionary(report.failures.map { ($0.key, $0.error) }) { first, _ in first } == expectedErrors)
        #expect(Dictionary(report.failures.map { ($0.key, $0.reason) }) { first, _ in first } == expectedReasons)
        #expect(report.validation.mismatchCount == 10_000)
        #expect(report.validation.mismatches.count == 100)
        #expect(report.durationSeconds == 3_600.5)
        #expect(stored.contentType == "application/json")

        let publication = try #require(topic.publications.first)
        #expect(topic.publications.count == 1)
        #expect(publication.topicARN == "arn:aws:sns:us-east-1:123456789012:reports")
        #expect(publication.subject == "Transfer FAILED: big-run")
        #expect(
            publication.message.contains("200 copied, 100 skipped, 10000 failed of 10300 listed, 3 deleted"), "\(publication.message)")
        #expect(publication.message.contains("s3://manifests/runs/big-run/report.json"))
        #expect(publication.message.utf8.count < 1_024, "the notification names the report, not the failures")
        #expect(publication.attributes == ["status": "FAILED", "execution": "big-run"])
    }

    @Test("validation over 10,000 missing objects counts every one and lists the first 100, in manifest order")
    func tenThousandMismatches() throws {
        let writer = ManifestWriter(s3: store, bucket: "manifests", key: "runs/checked/manifest.json")
        var missing: [String] = []
        for index in 0..<12_000 {
            let key = "in/records/2025/06/daily-exports/item-\(padded(index)).json"
            let content = Content(Array("item \(index)".utf8))
            let eTag = store.put(content, bucket: "source", key: key)
            if index % 6 == 0 {
                store.put(content, bucket: "destination", key: "out/records/2025/06/daily-exports/item-\(padded(index)).json")
            } else {
                missing.append(key)
            }
            try writer.append(ManifestEntry(key: key, size: content.size, etag: eTag))
        }
        try writer.finish()
        let state = ExecutionState(
            request: Self.request,
            listing: ListingSummary(
                manifestBucket: "manifests", manifestKey: "runs/checked/manifest.json", count: 12_000, totalBytes: 0))

        let result = try TransferValidator(stores: RoleStores(own: store, source: store, destination: store)).run(state)

        #expect(result.status == .failed)
        #expect(result.checked == 12_000)
        #expect(result.mismatchCount == 10_000)
        #expect(result.mismatches.count == ValidationResult.listedMismatchLimit)
        #expect(result.mismatches.map(\.key) == Array(missing.prefix(ValidationResult.listedMismatchLimit)))
        #expect(result.mismatches.first?.reason == "missing at s3://destination/out/records/2025/06/daily-exports/item-000001.json")
        #expect(try JSONEncoder().encode(result).count < 32 * 1_024, "far below Step Functions' 256 KB state limit")
        let manifestReads = store.requests("GetObject").filter { $0.key == "runs/checked/manifest.json" }
        #expect(manifestReads.count == 2, "the 1.2 MB manifest is read in two 1 MiB ranges")
        #expect(manifestReads.last?.ifMatch != nil, "the second pinned to the first's ETag")
    }

    @Test("validation reads the batched and the large objects' manifests as one, in key order")
    func validatesBothManifests() throws {
        let batched = ManifestWriter(s3: store, bucket: "manifests", key: "runs/split/manifest.json")
        let large = ManifestWriter(s3: store, bucket: "manifests", key: "runs/split/large-objects.json")
        for index in 0..<300 {
            let key = "in/item-\(padded(index)).bin"
            let content = Content.pattern(key, size: index % 50 == 3 ? 7_000 : 20)
            let eTag = store.put(content, bucket: "source", key: key)
            if index != 153 { store.put(content, bucket: "destination", key: "out/item-\(padded(index)).bin") }
            try (content.size >= 5_000 ? large : batched).append(ManifestEntry(key: key, size: content.size, etag: eTag))
        }
        try batched.finish()
        try large.finish()
        let state = ExecutionState(
            request: Self.request,
            listing: ListingSummary(
                manifestBucket: "manifests", manifestKey: "runs/split/manifest.json", largeManifestKey: "runs/split/large-objects.json",
                count: 300, totalBytes: 0, largeCount: 6))

        let result = try TransferValidator(stores: RoleStores(own: store, source: store, destination: store)).run(state)

        #expect(result.checked == 300)
        #expect(result.mismatchCount == 1 && result.mismatches.map(\.key) == ["in/item-000153.bin"], "the missing large object")
    }
}
