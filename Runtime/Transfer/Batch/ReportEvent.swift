/// The event of `GenerateReport`: the whole state document of the execution.
public struct ReportEvent: Codable, Sendable, Hashable {
    public var request: BatchRequest
    public var execution: ExecutionInfo
    public var listing: ListingSummary
    /// The Distributed Map's output when it finished: where its ResultWriter put the item results.
    public var transfer: MapRunOutput?
    /// The Map's error when it failed as a whole (too many failed items).
    public var transferError: StateError?
    public var validation: ValidationResult

    public init(
        request: BatchRequest, execution: ExecutionInfo, listing: ListingSummary, transfer: MapRunOutput?,
        transferError: StateError?, validation: ValidationResult
    ) {
        self.request = request
        self.execution = execution
        self.listing = listing
        self.transfer = transfer
        self.transferError = transferError
        self.validation = validation
    }

    enum CodingKeys: String, CodingKey {
        case execution, listing, transfer
        case transferError = "transfer_error"
        case validation
    }

    public init(from decoder: any Decoder) throws {
        request = try BatchRequest(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        execution = try container.decode(ExecutionInfo.self, forKey: .execution)
        listing = try container.decode(ListingSummary.self, forKey: .listing)
        transfer = try container.decodeIfPresent(MapRunOutput.self, forKey: .transfer)
        transferError = try container.decodeIfPresent(StateError.self, forKey: .transferError)
        validation = try container.decode(ValidationResult.self, forKey: .validation)
    }

    public func encode(to encoder: any Encoder) throws {
        try request.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(execution, forKey: .execution)
        try container.encode(listing, forKey: .listing)
        try container.encodeIfPresent(transfer, forKey: .transfer)
        try container.encodeIfPresent(transferError, forKey: .transferError)
        try container.encode(validation, forKey: .validation)
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
