import AWS
import Synchronization
import Worker

/// A `JobQueue` in memory: a FIFO of message bodies, with what the worker did to each message
/// recorded as it happens.
final class InMemoryJobQueue: JobQueue {
    private let state = Mutex(State())

    private struct State {
        var waiting: [SQSMessage] = []
        var received: [String: SQSMessage] = [:]
        var settlements: [Settlement] = []
        var count = 0
    }

    /// What became of a received message.
    enum Settlement: Sendable, Hashable {
        case deleted(messageID: String)
        /// Its visibility timeout was set: by the heartbeat, or to hand it back (0 at once).
        case visibleAfter(seconds: Int, messageID: String)
    }

    /// Queues `body`; returns the message id.
    @discardableResult
    func send(_ body: String) -> String {
        state.withLock { state in
            state.count += 1
            let message = SQSMessage(messageID: "message-\(state.count)", receiptHandle: "receipt-\(state.count)", body: body)
            state.waiting.append(message)
            return message.messageID
        }
    }

    var settlements: [Settlement] {
        state.withLock { $0.settlements }
    }

    func receiveMessages(
        queueURL: String, maxMessages: Int, waitSeconds: Int, visibilityTimeout: Int?, attributeNames: [String],
        messageAttributeNames: [String]
    ) throws(AWSError) -> [SQSMessage] {
        state.withLock { state in
            let taken = Array(state.waiting.prefix(maxMessages))
            state.waiting.removeFirst(taken.count)
            for message in taken { state.received[message.receiptHandle] = message }
            return taken
        }
    }

    func deleteMessage(queueURL: String, receiptHandle: String) throws(AWSError) {
        try settle(receiptHandle, operation: "DeleteMessage") { .deleted(messageID: $0) }
    }

    func changeMessageVisibility(queueURL: String, receiptHandle: String, timeoutSeconds: Int) throws(AWSError) {
        try settle(receiptHandle, operation: "ChangeMessageVisibility") {
            .visibleAfter(seconds: timeoutSeconds, messageID: $0)
        }
    }

    private func settle(
        _ receiptHandle: String, operation: String, _ settlement: (String) -> Settlement
    ) throws(AWSError) {
        try state.withLock { state throws(AWSError) in
            guard let message = state.received[receiptHandle] else {
                throw AWSError(
                    service: "SQS", operation: operation, code: "ReceiptHandleIsInvalid",
                    message: "The receipt handle \(receiptHandle) is not valid", httpStatus: 400)
            }
            state.settlements.append(settlement(message.messageID))
        }
    }
}
