import StateMachine

/// What an SQS batch's invocation means for its messages: which to delete, which return to the queue.
///
/// Lambda's rules: a failed invocation returns the whole batch. Without `ReportBatchItemFailures`
/// a successful one deletes it all. With it, the answer names the failed messages: a null or empty
/// answer, or an empty or null `batchItemFailures`, is complete success; an answer that is not
/// such an object, or an item without a non-empty `itemIdentifier` of a message in the batch, is
/// complete failure. On a FIFO queue the messages after a failed one in its group return too, so
/// the group is never processed out of order.
struct BatchOutcome: Sendable, Equatable {
    /// Messages to delete, by message id.
    let delete: [String]
    /// Messages left to return to the queue when their visibility timeout ends.
    let retain: [String]
    /// Why the whole batch returns, when it does.
    let wholeBatchFailure: String?

    static func of(
        records: [QueueRecord], functionFailed: String?, answer: [UInt8], reportsItemFailures: Bool, fifo: Bool
    ) -> BatchOutcome {
        let ids = records.map(\.messageID)
        if let functionFailed { return BatchOutcome(delete: [], retain: ids, wholeBatchFailure: functionFailed) }
        guard reportsItemFailures else { return BatchOutcome(delete: ids, retain: [], wholeBatchFailure: nil) }
        let failed: Set<String>
        switch itemFailures(in: answer, batch: Set(ids)) {
        case .failure(let reason): return BatchOutcome(delete: [], retain: ids, wholeBatchFailure: reason.text)
        case .success(let named): failed = named
        }
        var heldGroups = Set<String>()
        var retain: [String] = []
        var delete: [String] = []
        for record in records {
            let held = fifo && record.groupID.map(heldGroups.contains) == true
            if failed.contains(record.messageID) || held {
                retain.append(record.messageID)
                if fifo, let group = record.groupID { heldGroups.insert(group) }
            } else {
                delete.append(record.messageID)
            }
        }
        return BatchOutcome(delete: delete, retain: retain, wholeBatchFailure: nil)
    }

    /// The message ids a partial batch response names, or why it is not a valid one.
    private static func itemFailures(in answer: [UInt8], batch: Set<String>) -> Result<Set<String>, ReasonText> {
        let text = String(decoding: answer, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) { return .success([]) }
        guard let response = try? JSONValue(parsing: text) else {
            return .failure(ReasonText("the partial batch response is not JSON"))
        }
        if response == .null { return .success([]) }
        guard let members = response.objectValue else {
            return .failure(ReasonText("the partial batch response is not an object"))
        }
        switch members["batchItemFailures"] {
        case nil, .null?: return .success([])
        case .array(let items)?:
            var named = Set<String>()
            for item in items {
                guard let id = item["itemIdentifier"]?.stringValue, !id.isEmpty, batch.contains(id) else {
                    return .failure(ReasonText("batchItemFailures names \(item.serialized()), which is not a message of the batch"))
                }
                named.insert(id)
            }
            return .success(named)
        default:
            return .failure(ReasonText("batchItemFailures is not a list"))
        }
    }
}

/// A reason, as an error value for `Result`.
struct ReasonText: Error, Equatable {
    let text: String

    init(_ text: String) {
        self.text = text
    }
}
