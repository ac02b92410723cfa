/// `TransferObject`'s event from the Distributed Map's `ItemBatcher`: the request (the execution's
/// input, `BatchInput.request`), how many times the execution has been redriven
/// (`BatchInput.redrive_count`, `$$.Execution.RedriveCount`), the manifest entries as `Items`, and
/// how many times the state machine has retried this batch (`$$.State.RetryCount`) out of how many
/// it will.
public struct TransferBatch: Codable, Sendable, Hashable {
    public var request: BatchRequest
    public var items: [ManifestEntry]
    public var retryCount: Int?
    public var maxRetries: Int?
    public var redriveCount: Int?

    public init(
        request: BatchRequest, items: [ManifestEntry], retryCount: Int? = nil, maxRetries: Int? = nil, redriveCount: Int? = nil
    ) {
        self.request = request
        self.items = items
        self.retryCount = retryCount
        self.maxRetries = maxRetries
        self.redriveCount = redriveCount
    }

    /// Whether an earlier attempt may have copied some of the batch already: this is a retry, or
    /// the execution was redriven (its emulator killed mid-Map, say).
    public var mayHaveRunBefore: Bool { (retryCount ?? 0) > 0 || (redriveCount ?? 0) > 0 }

    /// Whether the state machine will not retry a failure of this attempt; then objects that
    /// failed with a retryable error are reported failed instead of failing the batch.
    public var isLastAttempt: Bool {
        guard let retryCount, let maxRetries else { return true }
        return retryCount >= maxRetries
    }

    enum CodingKeys: String, CodingKey {
        case batchInput = "BatchInput"
        case items = "Items"
        case retryCount = "retry_count"
        case maxRetries = "max_retries"
    }

    private struct BatchInput: Codable {
        var request: BatchRequest
        var redriveCount: Int?

        enum CodingKeys: String, CodingKey {
            case request
            case redriveCount = "redrive_count"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let input = try container.decode(BatchInput.self, forKey: .batchInput)
        request = input.request
        redriveCount = input.redriveCount
        items = try container.decode([ManifestEntry].self, forKey: .items)
        retryCount = try container.decodeIfPresent(Int.self, forKey: .retryCount)
        maxRetries = try container.decodeIfPresent(Int.self, forKey: .maxRetries)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(BatchInput(request: request, redriveCount: redriveCount), forKey: .batchInput)
        try container.encode(items, forKey: .items)
        try container.encodeIfPresent(retryCount, forKey: .retryCount)
        try container.encodeIfPresent(maxRetries, forKey: .maxRetries)
    }
}

/// What `TransferObject` did with a batch: one outcome per item, in item order, with the totals.
public struct BatchOutcome: Codable, Sendable, Hashable {
    public var copied: Int
    public var skipped: Int
    public var failed: Int
    /// Bytes copied.
    public var bytes: Int64
    public var items: [TransferOutcome]

    public init(items: [TransferOutcome]) {
        self.items = items
        copied = items.filter { $0.status == .copied }.count
        skipped = items.filter { $0.status == .skipped }.count
        failed = items.filter { $0.status == .failed }.count
        bytes = items.reduce(0) { $0 + $1.bytes }
    }
}
