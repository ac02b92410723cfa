/// S3's `Object Created` event as EventBridge delivers it (the bucket's EventBridge notifications
/// on): only the fields a transfer needs.
public struct S3ObjectCreatedEvent: Sendable, Hashable, Codable {
    public var source: String
    public var detailType: String
    public var region: String?
    public var detail: Detail

    enum CodingKeys: String, CodingKey {
        case source, region, detail
        case detailType = "detail-type"
    }

    public struct Detail: Sendable, Hashable, Codable {
        public var bucket: Bucket
        public var object: Object
    }

    public struct Bucket: Sendable, Hashable, Codable {
        public var name: String
    }

    public struct Object: Sendable, Hashable, Codable {
        /// The key as S3 stores it (EventBridge does not URL-encode it, unlike S3's own notifications).
        public var key: String
        public var size: Int64
        public var etag: String?
        public var sequencer: String?
    }

    public init(bucket: String, key: String, size: Int64, etag: String?, region: String? = nil) {
        source = "aws.s3"
        detailType = "Object Created"
        self.region = region
        detail = Detail(bucket: Bucket(name: bucket), object: Object(key: key, size: size, etag: etag, sequencer: nil))
    }
}
