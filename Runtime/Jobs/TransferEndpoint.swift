/// One end of a transfer: an S3 object or a file on a partner's SFTP server.
///
/// Encoded flat with a `type` discriminator (`"s3"` or `"sftp"`) beside the location's fields,
/// the shape a producer writes by hand most easily.
public enum TransferEndpoint: Sendable, Hashable, Codable {
    case s3(S3Location)
    case sftp(SFTPLocation)

    private enum CodingKeys: String, CodingKey { case type }

    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .type)
        switch type {
        case "s3": self = .s3(try S3Location(from: decoder))
        case "sftp": self = .sftp(try SFTPLocation(from: decoder))
        default:
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath + [CodingKeys.type],
                    debugDescription: "endpoint type must be \"s3\" or \"sftp\", not \"\(type)\""))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .s3(let location):
            try container.encode("s3", forKey: .type)
            try location.encode(to: encoder)
        case .sftp(let location):
            try container.encode("sftp", forKey: .type)
            try location.encode(to: encoder)
        }
    }

    /// `s3://bucket/key` or `user@host:port/path`, as errors and logs name it.
    public var description: String {
        switch self {
        case .s3(let location): "s3://\(location.bucket)/\(location.key)"
        case .sftp(let location): "\(location.username)@\(location.host):\(location.port)\(location.path)"
        }
    }
}
