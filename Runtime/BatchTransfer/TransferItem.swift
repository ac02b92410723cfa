/// The event of `TransferObject`: one manifest entry and the request it belongs to, flat, as the
/// Distributed Map's `ItemSelector` builds it.
public struct TransferItem: Codable, Sendable, Hashable {
    public var request: BatchRequest
    public var entry: ManifestEntry

    public init(request: BatchRequest, entry: ManifestEntry) {
        self.request = request
        self.entry = entry
    }

    public init(from decoder: any Decoder) throws {
        request = try BatchRequest(from: decoder)
        entry = try ManifestEntry(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try request.encode(to: encoder)
        try entry.encode(to: encoder)
    }
}

/// What `TransferObject` did with one object.
public struct TransferOutcome: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        /// Copied now.
        case copied
        /// Already at the destination with the same size and content: not copied again.
        case skipped
        /// Not copied; `error` and `reason` say why. Only in a batch's outcome: a single object's
        /// failure is the invocation's error.
        case failed
    }

    public enum Method: String, Codable, Sendable {
        case copyObject = "copy"
        case multipartCopy = "multipart"
        /// Through the function: GET as the source role, PUT or multipart upload as the destination's.
        case streamed
        case none
    }

    public var key: String
    public var destinationKey: String
    public var status: Status
    public var method: Method
    public var bytes: Int64
    /// For a failed object: the error type the state machine would have matched (`NonRetryableError`…).
    public var error: String?
    public var reason: String?

    public init(
        key: String, destinationKey: String, status: Status, method: Method, bytes: Int64, error: String? = nil,
        reason: String? = nil
    ) {
        self.key = key
        self.destinationKey = destinationKey
        self.status = status
        self.method = method
        self.bytes = bytes
        self.error = error
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case key
        case destinationKey = "destination_key"
        case status, method, bytes, error, reason
    }
}
