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
    }

    public enum Method: String, Codable, Sendable {
        case copyObject = "copy"
        case multipartCopy = "multipart"
        case none
    }

    public var key: String
    public var destinationKey: String
    public var status: Status
    public var method: Method
    public var bytes: Int64

    public init(key: String, destinationKey: String, status: Status, method: Method, bytes: Int64) {
        self.key = key
        self.destinationKey = destinationKey
        self.status = status
        self.method = method
        self.bytes = bytes
    }

    enum CodingKeys: String, CodingKey {
        case key
        case destinationKey = "destination_key"
        case status, method, bytes
    }
}
