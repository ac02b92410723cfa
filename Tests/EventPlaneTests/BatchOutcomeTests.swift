@testable import LambdaHost
import StateMachine
import Testing

/// Lambda's reading of a partial batch response, without a queue.
@Suite("Partial batch responses")
struct BatchOutcomeTests {
    static func records(_ groups: [String?]) -> [QueueRecord] {
        groups.enumerated().compactMap { index, group in
            var attributes: [String: JSONValue] = ["ApproximateReceiveCount": "1"]
            if let group { attributes["MessageGroupId"] = .string(group) }
            return QueueRecord(
                message: ["MessageId": .string("m\(index)"), "ReceiptHandle": .string("r\(index)"), "Body": "x", "Attributes": .object(attributes)],
                queueARN: "arn:aws:sqs:us-east-1:123456789012:q", region: "us-east-1")
        }
    }

    @Test("complete success: an empty or null answer, or an empty or null batchItemFailures", arguments: [
        "", "null", "{}", #"{"batchItemFailures": []}"#, #"{"batchItemFailures": null}"#,
    ])
    func success(answer: String) {
        let outcome = BatchOutcome.of(
            records: Self.records([nil, nil]), functionFailed: nil, answer: Array(answer.utf8), reportsItemFailures: true, fifo: false)
        #expect(outcome == BatchOutcome(delete: ["m0", "m1"], retain: [], wholeBatchFailure: nil))
    }

    @Test("complete failure: not JSON, not an object, or an item that is not a message of the batch", arguments: [
        "not json", #""ok""#, #"{"batchItemFailures": [{"itemIdentifier": ""}]}"#, #"{"batchItemFailures": [{"itemIdentifier": null}]}"#,
        #"{"batchItemFailures": [{"id": "m0"}]}"#, #"{"batchItemFailures": [{"itemIdentifier": "elsewhere"}]}"#,
        #"{"batchItemFailures": "m0"}"#,
    ])
    func failure(answer: String) {
        let outcome = BatchOutcome.of(
            records: Self.records([nil, nil]), functionFailed: nil, answer: Array(answer.utf8), reportsItemFailures: true, fifo: false)
        #expect(outcome.delete.isEmpty && outcome.retain == ["m0", "m1"] && outcome.wholeBatchFailure != nil)
    }

    @Test("the named messages return, the others are deleted")
    func partial() {
        let outcome = BatchOutcome.of(
            records: Self.records([nil, nil, nil]), functionFailed: nil,
            answer: Array(#"{"batchItemFailures": [{"itemIdentifier": "m1"}]}"#.utf8), reportsItemFailures: true, fifo: false)
        #expect(outcome == BatchOutcome(delete: ["m0", "m2"], retain: ["m1"], wholeBatchFailure: nil))
    }

    @Test("on a FIFO queue the messages after a failed one in its group return with it")
    func fifoHoldsGroup() {
        let outcome = BatchOutcome.of(
            records: Self.records(["A", "A", "B", "A"]), functionFailed: nil,
            answer: Array(#"{"batchItemFailures": [{"itemIdentifier": "m1"}]}"#.utf8), reportsItemFailures: true, fifo: true)
        #expect(outcome == BatchOutcome(delete: ["m0", "m2"], retain: ["m1", "m3"], wholeBatchFailure: nil))
    }

    @Test("a failed invocation returns everything, whatever it answered")
    func functionFailure() {
        let outcome = BatchOutcome.of(
            records: Self.records([nil]), functionFailed: "Unhandled", answer: [], reportsItemFailures: false, fifo: false)
        #expect(outcome == BatchOutcome(delete: [], retain: ["m0"], wholeBatchFailure: "Unhandled"))
    }
}
