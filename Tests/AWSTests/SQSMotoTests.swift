import AWS
import Testing

extension MotoSuite {
    @Suite("SQS")
    struct SQSMotoTests {
        let sqs: SQSClient

        init() throws {
            sqs = SQSClient(client: try MotoFixture.get().client())
        }

        func createQueue(_ name: String, fifo: Bool) throws -> String {
            struct Input: Encodable { var QueueName: String; var Attributes: [String: String] }
            struct Output: Decodable { var QueueUrl: String }
            return try sqs.client.json(
                .sqs, "CreateQueue",
                Input(QueueName: name, Attributes: fifo ? ["FifoQueue": "true", "ContentBasedDeduplication": "false"] : [:]),
                as: Output.self
            ).QueueUrl
        }

        @Test("FIFO deduplication delivers a repeated message once")
        func fifoDeduplication() throws {
            let queue = try createQueue("jobs-dedup.fifo", fifo: true)
            let message = SQSOutgoingMessage(body: "copy a/b", groupID: "bucket-a", deduplicationID: "job-42", attributes: ["kind": "copy"])
            let first = try sqs.sendMessage(queueURL: queue, message)
            try sqs.sendMessage(queueURL: queue, message)
            #expect(first.sequenceNumber != nil)
            let received = try sqs.receiveMessages(queueURL: queue, maxMessages: 10, waitSeconds: 1)
            #expect(received.count == 1)
            #expect(received.first?.body == "copy a/b")
            #expect(received.first?.attributes["MessageGroupId"] == "bucket-a")
            #expect(received.first?.messageAttributes["kind"] == "copy")
            try sqs.deleteMessage(queueURL: queue, receiptHandle: try #require(received.first).receiptHandle)
            #expect(try sqs.receiveMessages(queueURL: queue, waitSeconds: 0).isEmpty)
        }

        @Test("batch send, visibility change and batch delete")
        func batches() throws {
            let queue = try createQueue("jobs-batch", fifo: false)
            let sent = try sqs.sendMessageBatch(
                queueURL: queue, (1...3).map { SQSOutgoingMessage(id: "m\($0)", body: "body \($0)") })
            #expect(sent.successful.map(\.id).sorted() == ["m1", "m2", "m3"])
            #expect(sent.failed.isEmpty)
            var received: [SQSMessage] = []
            for _ in 0..<5 where received.count < 3 {
                received += try sqs.receiveMessages(queueURL: queue, maxMessages: 10, visibilityTimeout: 30)
            }
            #expect(Set(received.map(\.body)) == ["body 1", "body 2", "body 3"])
            try sqs.changeMessageVisibility(queueURL: queue, receiptHandle: received[0].receiptHandle, timeoutSeconds: 0)
            let again = try sqs.receiveMessages(queueURL: queue, maxMessages: 10)
            #expect(again.map(\.body) == [received[0].body])
            let failures = try sqs.deleteMessageBatch(
                queueURL: queue, receiptHandles: [again[0].receiptHandle] + received.dropFirst().map(\.receiptHandle))
            #expect(failures.isEmpty)
        }
    }
}
