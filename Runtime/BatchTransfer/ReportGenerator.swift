#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import AWS
public import TransferCore
import Timestamps

/// `GenerateReport`: gathers the item results, the validation and the timing into `report.json`
/// beside the manifest, and publishes a summary to the report topic.
public struct ReportGenerator: Sendable {
    public let stores: RoleStores
    /// Receives the summary when `settings.reportTopicARN` names a topic.
    public let topic: any TopicPublisher
    public let settings: BatchSettings
    /// The time the report is made; a parameter so tests can fix it.
    public let now: @Sendable () -> Date

    public init(
        stores: RoleStores, topic: any TopicPublisher, settings: BatchSettings,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.stores = stores
        self.topic = topic
        self.settings = settings
        self.now = now
    }

    /// The report of a run: `runs/<execution name>/report.json`.
    public static func reportKey(executionName: String) -> String {
        "runs/\(executionName)/report.json"
    }

    public func run(_ state: ExecutionState) throws(TransferError) -> ReportSummary {
        let report = try makeReport(state)
        let key = Self.reportKey(executionName: report.execution)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let body = try encoder.encode(report)
            try stores.own.putObject(
                bucket: settings.manifestBucket, key: key, body: .bytes(Array(body)),
                options: PutObjectOptions(contentType: "application/json"))
        } catch let error as AWSError {
            throw TransferError(error, context: "writing the report s3://\(settings.manifestBucket)/\(key)")
        } catch {
            throw TransferError.nonRetryable("the report does not encode: \(error)")
        }
        if let topicARN = settings.reportTopicARN { try publish(report, key: key, topicARN: topicARN) }
        return ReportSummary(status: report.status, reportBucket: settings.manifestBucket, reportKey: key, objects: report.objects)
    }

    func makeReport(_ state: ExecutionState) throws(TransferError) -> TransferReport {
        let execution = try state.required(state.execution, "execution")
        let listing = try state.required(state.listing, "listing")
        let validation = try state.required(state.validation, "validation")
        var counts = TransferReport.Counts(listed: listing.listed, skipped: listing.skipped, deleted: listing.deleted)
        var bytes = TransferReport.ByteCounts(
            listed: listing.listedBytes, skipped: listing.skippedBytes, deleted: listing.deletedBytes)
        var methods = TransferReport.MethodCounts()
        var failures: [TransferReport.Failure] = []
        var batches = 0
        for details in [state.transfer, state.transferLarge].compactMap({ $0?.resultWriterDetails }) {
            let decoder = JSONDecoder()
            try MapRunResults(s3: stores.own, details: details).forEach { entry throws(TransferError) in
                batches += 1
                if entry.status == "SUCCEEDED", let outcome = Self.decode(BatchOutcome.self, entry.output, decoder) {
                    for item in outcome.items {
                        switch item.status {
                        case .copied:
                            counts.copied += 1
                            bytes.copied += item.bytes
                            if item.method == .streamed {
                                methods.streamed.objects += 1
                                methods.streamed.bytes += item.bytes
                            } else {
                                methods.serverSide.objects += 1
                                methods.serverSide.bytes += item.bytes
                            }
                        case .skipped:
                            counts.skipped += 1
                            bytes.skipped += item.bytes
                        case .failed:
                            counts.failed += 1
                            failures.append(
                                TransferReport.Failure(key: item.key, error: item.error ?? "Failed", reason: item.reason ?? ""))
                        }
                    }
                } else {
                    let batchFailures = Self.failures(entry, decoder)
                    counts.failed += batchFailures.count
                    failures += batchFailures
                }
            }
        }
        let finished = now()
        let started = ISO8601Timestamp.parse(execution.startedAt) ?? finished
        let transferError = state.transferError ?? state.transferLargeError
        let succeeded = failures.isEmpty && transferError == nil && validation.status == .passed
        let request = state.request
        return TransferReport(
            execution: execution.name, status: succeeded ? .succeeded : .failed, mode: request.mode,
            source: "s3://\(request.sourceBucket)/\(request.sourcePrefix)",
            destination: "s3://\(request.destinationBucket)/\(request.destinationPrefix)",
            startedAt: execution.startedAt, finishedAt: ISO8601Timestamp.format(finished),
            durationSeconds: (finished.timeIntervalSince(started) * 1000).rounded() / 1000, objects: counts, bytes: bytes,
            methods: methods, listingInvocations: listing.invocations, batches: batches,
            validation: validation, failures: failures, transferError: transferError)
    }

    private func publish(_ report: TransferReport, key: String, topicARN: String) throws(TransferError) {
        let objects = report.objects
        let message = """
            Transfer \(report.execution) \(report.status.rawValue): \(objects.copied) copied, \(objects.skipped) skipped, \
            \(objects.failed) failed of \(objects.listed) listed, \(objects.deleted) deleted; \
            validation \(report.validation.status.rawValue). \
            Report: s3://\(settings.manifestBucket)/\(key)
            """
        do {
            try topic.publish(
                topicARN: topicARN, message: message, subject: String("Transfer \(report.status.rawValue): \(report.execution)".prefix(100)),
                attributes: ["status": report.status.rawValue, "execution": report.execution], groupID: nil,
                deduplicationID: nil)
        } catch {
            throw TransferError(error, context: "publishing the summary to \(topicARN)")
        }
    }

    /// A child that failed as a whole (its Lambda crashed or timed out, or it ran out of retries):
    /// every object of its batch failed with the child's error.
    private static func failures(_ entry: MapRunResults.Entry, _ decoder: JSONDecoder) -> [TransferReport.Failure] {
        let keys = decode(TransferBatch.self, entry.input, decoder)?.items.map(\.key) ?? ["(unknown batch)"]
        let cause = entry.cause ?? ""
        let reason = decode(LambdaErrorPayload.self, cause, decoder)?.errorMessage ?? cause
        return keys.map { TransferReport.Failure(key: $0, error: entry.error ?? entry.status, reason: reason) }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String?, _ decoder: JSONDecoder) -> T? {
        guard let text else { return nil }
        return try? decoder.decode(type, from: Data(text.utf8))
    }
}

/// The error document a Lambda function returns, as a state's `Cause` carries it.
private struct LambdaErrorPayload: Decodable {
    var errorMessage: String
}
