import AWS
import Foundation
@testable import LambdaHost
import StateMachine
import Testing

/// SQS event source mappings against moto's real queues: batches, partial batch failures, FIFO
/// order, and SQS's own redrive to the dead-letter queue.
@Suite("SQS event source mappings on moto", .serialized)
struct QueueMappingTests {
    static func template(queue: String, fifo: Bool = false, batchSize: Int = 10, window: Int = 0, reports: Bool = true) -> String {
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Consumer:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: recorder
              Runtime: provided.al2023
              Timeout: 10
              Environment: {Variables: {RECORD_FILE: '@RECORDS@'}}
              Events:
                Work:
                  Type: SQS
                  Properties:
                    Queue: arn:aws:sqs:us-east-1:123456789012:\(queue)
                    BatchSize: \(batchSize)
                    MaximumBatchingWindowInSeconds: \(window)
                    FunctionResponseTypes: \(reports ? "[ReportBatchItemFailures]" : "[]")
        """
    }

    /// Runs the template's one mapping while `body` runs.
    func withPoller(_ project: EventProject, _ body: () async throws -> Void) async throws {
        let host = try project.makeHost()
        let mapping = try #require(EventWiring(template: host.template).queueMappings.first)
        let url = try await QueuePoller.queueURL(of: mapping, client: project.client)
        let logs = LineStore()
        let poller = QueuePoller(mapping: mapping, queueURL: url, host: host, client: project.client, region: "us-east-1", log: logs.append)
        let running = Task { await poller.run() }
        do {
            try await body()
        } catch {
            running.cancel()
            await running.value
            await host.shutdown()
            throw error
        }
        running.cancel()
        await running.value
        await host.shutdown()
    }

    /// A queue redriven to its own dead-letter queue after two receives, messages returning after 5 s:
    /// long enough that a processed message is deleted before it could return, on a loaded machine too.
    func queues(_ project: EventProject, name: String, fifo: Bool = false) throws -> (queue: String, deadLetters: String) {
        let suffix = fifo ? ".fifo" : ""
        var attributes = fifo ? ["FifoQueue": "true"] : [:]
        let deadLetters = try project.createQueue("\(name)-dlq\(suffix)", attributes: attributes)
        attributes["VisibilityTimeout"] = "5"
        attributes["RedrivePolicy"] = #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:\#(name)-dlq\#(suffix)","maxReceiveCount":"2"}"#
        return (try project.createQueue(name + suffix, attributes: attributes), deadLetters)
    }

    @Test("a record carries every attribute Lambda sends, and a processed batch is deleted")
    func recordShape() async throws {
        let project = try EventProject(template: Self.template(queue: "shape-jobs"))
        let (queue, _) = try queues(project, name: "shape-jobs")
        try project.send("hello", to: queue, attributes: ["customer": "acme"])
        try await withPoller(project) { () async throws in
            #expect(try await eventually { project.receivedRecords().count == 1 })
            #expect(try await eventually { try project.depth(queue) == 0 })
        }
        let record = try #require(project.receivedRecords().first)
        #expect(record["body"] == "hello")
        #expect(record["eventSource"] == "aws:sqs")
        #expect(record["eventSourceARN"] == "arn:aws:sqs:us-east-1:123456789012:shape-jobs")
        #expect(record["awsRegion"] == "us-east-1")
        #expect(record["md5OfBody"] == "5d41402abc4b2a76b9719d911017c592")
        #expect(record["messageId"]?.stringValue?.isEmpty == false && record["receiptHandle"]?.stringValue?.isEmpty == false)
        for attribute in ["ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp"] {
            #expect(record["attributes"]?[attribute]?.stringValue != nil, "\(attribute) missing")
        }
        #expect(record["messageAttributes"]?["customer"]?["stringValue"] == "acme")
        #expect(record["messageAttributes"]?["customer"]?["dataType"] == "String")
        #expect(record["md5OfMessageAttributes"]?.stringValue != nil)
    }

    @Test("partial batch failure: only the reported messages return, and SQS moves them to the DLQ after maxReceiveCount")
    func partialBatchFailure() async throws {
        let project = try EventProject(template: Self.template(queue: "partial-jobs"))
        let (queue, deadLetters) = try queues(project, name: "partial-jobs")
        for body in ["ok-1", "fail-2", "ok-3", "fail-4", "ok-5"] { try project.send(body, to: queue) }
        try await withPoller(project) { () async throws in
            #expect(try await eventually(within: 60) { try project.peek(deadLetters).count == 2 })
            #expect(try await eventually { try project.depth(queue) == 0 })
        }
        let bodies = project.receivedRecords().compactMap { $0["body"]?.stringValue }
        for ok in ["ok-1", "ok-3", "ok-5"] { #expect(bodies.filter { $0 == ok }.count == 1, "\(ok): \(bodies)") }
        for failing in ["fail-2", "fail-4"] { #expect(bodies.filter { $0 == failing }.count == 2, "\(failing): \(bodies)") }
        #expect(Set(try project.peek(deadLetters)) == ["fail-2", "fail-4"])
    }

    @Test("a malformed partial batch response returns the whole batch, as on AWS")
    func malformedResponse() async throws {
        let project = try EventProject(template: Self.template(queue: "malformed-jobs"))
        let (queue, deadLetters) = try queues(project, name: "malformed-jobs")
        for body in ["ok-1", "malformed-2"] { try project.send(body, to: queue) }
        try await withPoller(project) { () async throws in
            #expect(try await eventually(within: 60) { try project.peek(deadLetters).count == 2 })
        }
        let bodies = project.receivedRecords().compactMap { $0["body"]?.stringValue }
        #expect(bodies.filter { $0 == "ok-1" }.count == 2, "\(bodies)")
    }

    @Test("a function error returns the whole batch; without ReportBatchItemFailures a success deletes it all")
    func wholeBatch() async throws {
        let project = try EventProject(template: Self.template(queue: "whole-jobs", reports: false))
        let (queue, deadLetters) = try queues(project, name: "whole-jobs")
        for body in ["crash-batch-1", "ok-2"] { try project.send(body, to: queue) }
        try await withPoller(project) { () async throws in
            #expect(try await eventually(within: 60) { try project.peek(deadLetters).count == 2 })
            try project.send("fail-but-not-reported", to: queue)
            #expect(try await eventually { project.receivedRecords().contains { $0["body"] == "fail-but-not-reported" } })
            #expect(try await eventually { try project.depth(queue) == 0 })
        }
        #expect(try project.peek(deadLetters).count == 2)
    }

    @Test("FIFO: each group in order, and a failed message holds back the rest of its group")
    func fifoOrder() async throws {
        let project = try EventProject(template: Self.template(queue: "ordered-jobs.fifo", fifo: true))
        let (queue, deadLetters) = try queues(project, name: "ordered-jobs", fifo: true)
        for body in ["a1", "a2-flaky", "a3"] { try project.send(body, to: queue, group: "A") }
        for body in ["b1", "b2"] { try project.send(body, to: queue, group: "B") }
        try await withPoller(project) { () async throws in
            #expect(try await eventually(within: 60) {
                try project.depth(queue) == 0 && project.receivedRecords().filter { $0["body"] == "a3" }.count == 2
            })
        }
        let records = project.receivedRecords()
        let groupA = records.filter { $0["attributes"]?["MessageGroupId"] == "A" }.compactMap { $0["body"]?.stringValue }
        let groupB = records.filter { $0["attributes"]?["MessageGroupId"] == "B" }.compactMap { $0["body"]?.stringValue }
        #expect(groupA == ["a1", "a2-flaky", "a3", "a2-flaky", "a3"])
        #expect(groupB == ["b1", "b2"])
        let second = records.filter { $0["body"] == "a3" }.last
        #expect(second?["attributes"]?["ApproximateReceiveCount"] == "2")
        for attribute in ["SequenceNumber", "MessageGroupId", "MessageDeduplicationId"] {
            #expect(records.first?["attributes"]?[attribute]?.stringValue != nil, "\(attribute) missing")
        }
        #expect(try project.peek(deadLetters).isEmpty)
    }

    @Test("a batching window gathers messages sent one by one into one invocation")
    func batchingWindow() async throws {
        let project = try EventProject(template: Self.template(queue: "window-jobs", batchSize: 3, window: 10))
        let (queue, _) = try queues(project, name: "window-jobs")
        try await withPoller(project) { () async throws in
            for body in ["w1", "w2", "w3"] {
                try project.send(body, to: queue)
                // Apart, yet well within the window however slow the machine.
                try await Task.sleep(for: .milliseconds(300))
            }
            #expect(try await eventually { project.receivedRecords().count == 3 })
        }
        #expect(project.received().count == 1)
    }
}
