public import TransferCore
/// The execution's state document, which every step of the batch workflow receives: the request
/// (the execution's input, flat), then what earlier steps added under their `ResultPath`.
///
/// Each step reads what it needs and says clearly when an earlier step's part is missing (a
/// state machine wired differently from the template's).
public struct ExecutionState: Codable, Sendable, Hashable {
    public var request: BatchRequest
    /// Recorded by the first state from the context object.
    public var execution: ExecutionInfo?
    /// `ListObjects`' answer.
    public var listing: ListingSummary?
    /// The Distributed Map's output when it finished: where its ResultWriter put the item results.
    public var transfer: MapRunOutput?
    /// The Map's error when it failed as a whole (more failed items than tolerated).
    public var transferError: StateError?
    /// The same for the Map that copies the large objects, one per child.
    public var transferLarge: MapRunOutput?
    public var transferLargeError: StateError?
    /// `ValidateTransfer`'s answer.
    public var validation: ValidationResult?

    public init(
        request: BatchRequest, execution: ExecutionInfo? = nil, listing: ListingSummary? = nil,
        transfer: MapRunOutput? = nil, transferError: StateError? = nil, transferLarge: MapRunOutput? = nil,
        transferLargeError: StateError? = nil, validation: ValidationResult? = nil
    ) {
        self.request = request
        self.execution = execution
        self.listing = listing
        self.transfer = transfer
        self.transferError = transferError
        self.transferLarge = transferLarge
        self.transferLargeError = transferLargeError
        self.validation = validation
    }

    /// `value`, or a `NonRetryableError` naming the missing `field`.
    public func required<Value>(_ value: Value?, _ field: String) throws(TransferError) -> Value {
        guard let value else {
            throw .nonRetryable("the execution state has no \(field); the state machine must run the step that adds it first")
        }
        return value
    }

    enum CodingKeys: String, CodingKey {
        case execution, listing, transfer
        case transferError = "transfer_error"
        case transferLarge = "transfer_large"
        case transferLargeError = "transfer_large_error"
        case validation
    }

    public init(from decoder: any Decoder) throws {
        request = try BatchRequest(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        execution = try container.decodeIfPresent(ExecutionInfo.self, forKey: .execution)
        listing = try container.decodeIfPresent(ListingSummary.self, forKey: .listing)
        transfer = try container.decodeIfPresent(MapRunOutput.self, forKey: .transfer)
        transferError = try container.decodeIfPresent(StateError.self, forKey: .transferError)
        transferLarge = try container.decodeIfPresent(MapRunOutput.self, forKey: .transferLarge)
        transferLargeError = try container.decodeIfPresent(StateError.self, forKey: .transferLargeError)
        validation = try container.decodeIfPresent(ValidationResult.self, forKey: .validation)
    }

    public func encode(to encoder: any Encoder) throws {
        try request.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(execution, forKey: .execution)
        try container.encodeIfPresent(listing, forKey: .listing)
        try container.encodeIfPresent(transfer, forKey: .transfer)
        try container.encodeIfPresent(transferError, forKey: .transferError)
        try container.encodeIfPresent(transferLarge, forKey: .transferLarge)
        try container.encodeIfPresent(transferLargeError, forKey: .transferLargeError)
        try container.encodeIfPresent(validation, forKey: .validation)
    }
}

/// A Distributed Map's output with a ResultWriter.
public struct MapRunOutput: Codable, Sendable, Hashable {
    public var mapRunARN: String?
    public var resultWriterDetails: ResultWriterDetails?

    public struct ResultWriterDetails: Codable, Sendable, Hashable {
        public var bucket: String
        /// The result manifest (`…/manifest.json`) that lists the result files.
        public var key: String

        enum CodingKeys: String, CodingKey {
            case bucket = "Bucket"
            case key = "Key"
        }
    }

    enum CodingKeys: String, CodingKey {
        case mapRunARN = "MapRunArn"
        case resultWriterDetails = "ResultWriterDetails"
    }
}

/// An error as a state machine's Catch records it.
public struct StateError: Codable, Sendable, Hashable {
    public var error: String
    public var cause: String?

    enum CodingKeys: String, CodingKey {
        case error = "Error"
        case cause = "Cause"
    }
}
