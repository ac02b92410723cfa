/// An S3 object.
public struct S3Location: Sendable, Hashable, Codable {
    public var bucket: String
    public var key: String

    public init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }
}
