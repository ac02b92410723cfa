import AWS
import EventPatterns
import Foundation
import StateMachine

/// Lambda's SQS poller for one event source mapping: receives from the real queue, invokes the
/// function with the batch, and deletes what the function processed.
///
/// Messages are never deleted unless the invocation says they were processed, so a failure leaves
/// them to SQS: they return after the queue's visibility timeout and go to its dead-letter queue
/// after `maxReceiveCount` receives, by SQS's own redrive. On a FIFO queue SQS gives out no message
/// of a group while another is in flight, so each group has one batch in flight at a time, in order.
final class QueuePoller: Sendable {
    let mapping: QueueMapping
    let queueURL: String
    let host: LambdaHost
    let client: AWSClient
    let region: String
    let log: @Sendable (String) -> Void
    private let gate = BatchGate()

    /// Seconds one `ReceiveMessage` long-polls; short, so that stopping is prompt.
    static let pollSeconds = 1
    /// Pollers per mapping when `ScalingConfig.MaximumConcurrency` is not set: Lambda starts with five.
    static let defaultPollers = 5
    /// Lambda's limit on a synchronous invocation's payload.
    static let payloadLimit = LambdaHost.requestLimit

    init(mapping: QueueMapping, queueURL: String, host: LambdaHost, client: AWSClient, region: String, log: @escaping @Sendable (String) -> Void) {
        self.mapping = mapping
        self.queueURL = queueURL
        self.host = host
        self.client = client
        self.region = region
        self.log = log
    }

    /// Finds the queue's URL, so a missing queue is reported at start-up rather than on every poll.
    static func queueURL(of mapping: QueueMapping, client: AWSClient) async throws(AWSError) -> String {
        let answer = try await OffloadedCall.run { () throws(AWSError) in
            try client.json(.sqs, "GetQueueUrl", ["QueueName": .string(mapping.queueName)], resource: mapping.queueName)
        }
        guard let url = answer["QueueUrl"]?.stringValue else {
            throw AWSError(service: "SQS", operation: "GetQueueUrl", resource: mapping.queueName, code: "ResponseParsing", message: "no QueueUrl")
        }
        return url
    }

    /// Polls until the task is cancelled, with as many pollers as the mapping's concurrency.
    func run() async {
        var pollers = mapping.maximumConcurrency ?? Self.defaultPollers
        if let reserved = host.template.functions[mapping.function]?.reservedConcurrency { pollers = min(pollers, max(reserved, 1)) }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(pollers, 1) { group.addTask { await self.poll() } }
        }
    }

    private func poll() async {
        while !Task.isCancelled {
            do {
                let records = try await gate.gather { () async throws(AWSError) in try await self.collectBatch() }
                if !records.isEmpty { try await process(records) }
            } catch {
                log("\(mapping.name): \(mapping.queueName): \(error)")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Up to `BatchSize` records: what one receive returns, or, with a batching window, what
    /// arrives until the window ends or the batch is full.
    func collectBatch() async throws(AWSError) -> [QueueRecord] {
        var records = try await receive(upTo: mapping.batchSize, waitSeconds: Self.pollSeconds)
        guard !records.isEmpty, mapping.batchingWindowSeconds > 0 else { return records }
        let deadline = ContinuousClock.now + .seconds(mapping.batchingWindowSeconds)
        while records.count < mapping.batchSize, !Task.isCancelled {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { break }
            let wait = min(Self.pollSeconds, Int((left / .seconds(1)).rounded(.down)))
            records += try await receive(upTo: mapping.batchSize - records.count, waitSeconds: wait)
            if wait == 0 { try? await Task.sleep(for: min(left, .milliseconds(200))) }
        }
        return records
    }

    private func receive(upTo count: Int, waitSeconds: Int) async throws(AWSError) -> [QueueRecord] {
        let request: JSONValue = [
            "QueueUrl": .string(queueURL), "MaxNumberOfMessages": .int(Int64(min(max(count, 1), 10))),
            "WaitTimeSeconds": .int(Int64(waitSeconds)), "AttributeNames": ["All"], "MessageSystemAttributeNames": ["All"],
            "MessageAttributeNames": ["All"],
        ]
        let (client, queueURL) = (self.client, self.queueURL)
        let answer = try await OffloadedCall.run { () throws(AWSError) in
            try client.json(.sqs, "ReceiveMessage", request, resource: queueURL)
        }
        return (answer["Messages"]?.arrayValue ?? []).compactMap { QueueRecord(message: $0, queueARN: mapping.queueARN, region: region) }
    }

    /// Takes one batch now and reports it as a hop: replay's way of following a message into the
    /// function that consumes its queue.
    func takeBatch() async -> Delivery {
        let label = "mapping \(mapping.name)"
        let target = "function \(mapping.function)"
        do {
            let records = try await collectBatch()
            guard !records.isEmpty else {
                return Delivery(rule: label, target: target, status: .failed(reason: "no message could be received from \(mapping.queueName)"))
            }
            let batch = try await process(records)
            let detail = "answered \(batch.answer); \(batch.line)"
            return Delivery(
                rule: label, target: target, status: batch.failure == nil && batch.retained == 0 ? .delivered(detail: detail) : .failed(reason: detail))
        } catch {
            return Delivery(rule: label, target: target, status: .failed(reason: "\(mapping.queueName): \(error)"))
        }
    }

    /// What one batch came to.
    struct BatchReport: Sendable {
        let received: Int
        let filteredOut: Int
        let deleted: Int
        let retained: Int
        /// The function's answer, or why it could not run or failed.
        let answer: String
        let failure: String?

        var line: String {
            var text = "\(received) record(s): \(deleted) deleted"
            if filteredOut > 0 { text += " (\(filteredOut) matched no filter)" }
            if retained > 0 { text += ", \(retained) left on the queue" }
            if let failure { text += " (\(failure))" }
            return text
        }
    }

    /// Filters, invokes, and deletes what the outcome allows.
    @discardableResult
    func process(_ received: [QueueRecord]) async throws(AWSError) -> BatchReport {
        var records = received
        var filteredOut = 0
        if !mapping.filters.isEmpty {
            let dropped = records.filter { record in !mapping.filters.contains { $0.matches(record.filterable) } }
            if !dropped.isEmpty { try await delete(dropped.map(\.receiptHandle)) }
            filteredOut = dropped.count
            records.removeAll { record in dropped.contains { $0.messageID == record.messageID } }
            if records.isEmpty {
                return report(BatchReport(received: received.count, filteredOut: filteredOut, deleted: filteredOut, retained: 0, answer: "", failure: nil))
            }
        }
        var payload = Self.payload(records)
        var returned = 0
        // Lambda's 6 MB limit: the records that do not fit go back to the queue at once, for the next batch.
        while payload.count > Self.payloadLimit, records.count > 1 {
            let last = records.removeLast()
            try await returnToQueue(last.receiptHandle)
            returned += 1
            payload = Self.payload(records)
        }
        let result: InvocationResult
        do {
            result = try await host.invoke(mapping.function, payload: payload)
        } catch {
            try? await Task.sleep(for: .seconds(1))
            return report(BatchReport(
                received: received.count, filteredOut: filteredOut, deleted: filteredOut, retained: records.count, answer: "",
                failure: "\(mapping.function) cannot run: \(error.message)"))
        }
        let answer = TargetDispatcher.excerpt(String(decoding: result.payload, as: UTF8.self))
        let outcome = BatchOutcome.of(
            records: records, functionFailed: result.succeeded ? nil : "the function failed with \(result.errorType ?? "an error")",
            answer: result.payload, reportsItemFailures: mapping.reportsBatchItemFailures, fifo: mapping.isFIFO)
        let handles = records.filter { outcome.delete.contains($0.messageID) }.map(\.receiptHandle)
        try await delete(handles)
        return report(BatchReport(
            received: received.count, filteredOut: filteredOut, deleted: filteredOut + handles.count, retained: outcome.retain.count + returned,
            answer: answer, failure: outcome.wholeBatchFailure))
    }

    static func payload(_ records: [QueueRecord]) -> [UInt8] {
        Array(JSONValue.object(["Records": .array(records.map(\.record))]).serialized().utf8)
    }

    /// Makes a received message visible again now.
    private func returnToQueue(_ handle: String) async throws(AWSError) {
        let (client, queueURL) = (self.client, self.queueURL)
        _ = try await OffloadedCall.run { () throws(AWSError) in
            try client.json(
                .sqs, "ChangeMessageVisibility", ["QueueUrl": .string(queueURL), "ReceiptHandle": .string(handle), "VisibilityTimeout": 0],
                resource: queueURL)
        }
    }

    private func report(_ batch: BatchReport) -> BatchReport {
        log("\(mapping.name): \(mapping.function) got \(batch.line)")
        return batch
    }

    private func delete(_ handles: [String]) async throws(AWSError) {
        for start in stride(from: 0, to: handles.count, by: 10) {
            let entries = handles[start..<min(start + 10, handles.count)].enumerated().map { index, handle -> JSONValue in
                ["Id": .string(String(index)), "ReceiptHandle": .string(handle)]
            }
            let (client, queueURL) = (self.client, self.queueURL)
            let answer = try await OffloadedCall.run { () throws(AWSError) in
                try client.json(.sqs, "DeleteMessageBatch", ["QueueUrl": .string(queueURL), "Entries": .array(entries)], resource: queueURL)
            }
            if let failed = answer["Failed"]?.arrayValue, !failed.isEmpty {
                log("\(mapping.name): \(failed.count) message(s) of \(mapping.queueName) could not be deleted: \(JSONValue.array(failed).serialized())")
            }
        }
    }
}
