/// A pull schedule's run, sent by the Router on `work.fifo` for the `TransferWorker`, which polls
/// the SFTP source (the Router links no libssh2): the settled files matching `pattern` that no
/// run took before each become a job to `destinationEndpoint`.
///
/// The message body is this value as JSON, with `"kind": "Poll"` beside its fields (a transfer's
/// message has no `kind`).
public struct PollRequest: Sendable, Hashable, Codable {
    public var scheduleID: String
    public var customer: String
    public var sourceEndpoint: String
    /// The source endpoint's server and directory.
    public var source: SFTPLocation
    /// The file names taken (a glob).
    public var pattern: String
    public var destinationEndpoint: String
    /// `sftpToS3` or `sftpToSFTP`, from the destination endpoint's type.
    public var flow: Job.Flow

    public init(
        scheduleID: String, customer: String, sourceEndpoint: String, source: SFTPLocation, pattern: String,
        destinationEndpoint: String, flow: Job.Flow
    ) {
        self.scheduleID = scheduleID
        self.customer = customer
        self.sourceEndpoint = sourceEndpoint
        self.source = source
        self.pattern = pattern
        self.destinationEndpoint = destinationEndpoint
        self.flow = flow
    }

    enum CodingKeys: String, CodingKey {
        case kind, scheduleID = "scheduleId", customer, sourceEndpoint, source, pattern, destinationEndpoint, flow
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard try container.decode(String.self, forKey: .kind) == "Poll" else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "kind must be \"Poll\"")
        }
        scheduleID = try container.decode(String.self, forKey: .scheduleID)
        customer = try container.decode(String.self, forKey: .customer)
        sourceEndpoint = try container.decode(String.self, forKey: .sourceEndpoint)
        source = try container.decode(SFTPLocation.self, forKey: .source)
        pattern = try container.decode(String.self, forKey: .pattern)
        destinationEndpoint = try container.decode(String.self, forKey: .destinationEndpoint)
        flow = try container.decode(Job.Flow.self, forKey: .flow)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("Poll", forKey: .kind)
        try container.encode(scheduleID, forKey: .scheduleID)
        try container.encode(customer, forKey: .customer)
        try container.encode(sourceEndpoint, forKey: .sourceEndpoint)
        try container.encode(source, forKey: .source)
        try container.encode(pattern, forKey: .pattern)
        try container.encode(destinationEndpoint, forKey: .destinationEndpoint)
        try container.encode(flow, forKey: .flow)
    }
}
