public import AWS

/// Writes a manifest to S3 as it is produced, in multipart parts of `partSize` bytes, so memory
/// holds one part however many keys the listing has. A manifest smaller than one part is a single
/// `PutObject`.
///
/// Call `append` for each entry, then `finish`; `abort` (or a failed `finish`) removes the
/// uploaded parts. A writer that must stop before the end (a listing out of time) calls
/// `suspend`, which stores the bytes not yet uploaded as a tail object and returns a `Checkpoint`;
/// a writer made from that checkpoint carries on with the same upload, so the manifest stays one
/// object however many invocations write it.
public final class ManifestWriter {
    public let bucket: String
    public let key: String
    public private(set) var count = 0
    public private(set) var totalBytes: Int64 = 0

    private let s3: any ObjectStore
    private let partSize: Int
    private var buffer: [UInt8] = []
    private var uploadID: String?
    private var parts: [MultipartPart] = []

    public static let defaultPartSize = 8 * 1024 * 1024

    /// Where a suspended manifest stands: its upload, the parts uploaded, the object holding the
    /// bytes not yet uploaded, and the entries written so far.
    public struct Checkpoint: Codable, Sendable, Hashable {
        public var uploadID: String?
        public var parts: [Part]
        public var tailKey: String
        public var count: Int
        public var totalBytes: Int64

        public struct Part: Codable, Sendable, Hashable {
            public var number: Int
            public var eTag: String

            enum CodingKeys: String, CodingKey {
                case number
                case eTag = "etag"
            }
        }

        enum CodingKeys: String, CodingKey {
            case uploadID = "upload_id"
            case parts
            case tailKey = "tail_key"
            case count
            case totalBytes = "total_bytes"
        }
    }

    public init(s3: any ObjectStore, bucket: String, key: String, partSize: Int = defaultPartSize) {
        precondition(partSize >= Int(S3Client.minimumPartSize), "S3 parts are at least 5 MiB")
        self.s3 = s3
        self.bucket = bucket
        self.key = key
        self.partSize = partSize
        buffer.reserveCapacity(partSize + 4096)
        buffer.append(UInt8(ascii: "["))
    }

    /// Carries on from `checkpoint`: reads its tail object back into memory.
    public convenience init(
        s3: any ObjectStore, bucket: String, key: String, partSize: Int = defaultPartSize, resuming checkpoint: Checkpoint
    ) throws(AWSError) {
        self.init(s3: s3, bucket: bucket, key: key, partSize: partSize)
        buffer = try s3.getObject(bucket: bucket, key: checkpoint.tailKey).body
        uploadID = checkpoint.uploadID
        parts = checkpoint.parts.map { MultipartPart(partNumber: $0.number, eTag: $0.eTag) }
        count = checkpoint.count
        totalBytes = checkpoint.totalBytes
    }

    /// Stores the bytes not yet uploaded at `tailKey` and returns where the manifest stands. Each
    /// suspension needs a tail key of its own, so a retried invocation still reads the tail its
    /// checkpoint names.
    public func suspend(tailKey: String) throws(AWSError) -> Checkpoint {
        try s3.putObject(
            bucket: bucket, key: tailKey, body: .bytes(buffer), options: PutObjectOptions(contentType: "application/json"))
        return Checkpoint(
            uploadID: uploadID, parts: parts.map { .init(number: $0.partNumber, eTag: $0.eTag) }, tailKey: tailKey,
            count: count, totalBytes: totalBytes)
    }

    public func append(_ entry: ManifestEntry) throws(AWSError) {
        buffer.append(contentsOf: (count == 0 ? "\n" : ",\n").utf8)
        buffer.append(contentsOf: entry.jsonLine.utf8)
        count += 1
        totalBytes += entry.size
        if buffer.count >= partSize { try uploadBuffer() }
    }

    /// Closes the JSON array and makes the object visible.
    public func finish() throws(AWSError) {
        buffer.append(contentsOf: "\n]\n".utf8)
        let options = PutObjectOptions(contentType: "application/json")
        guard let uploadID else {
            try s3.putObject(bucket: bucket, key: key, body: .bytes(buffer), options: options)
            return
        }
        do {
            try uploadBuffer()
            try s3.completeMultipartUpload(
                bucket: bucket, key: key, uploadID: uploadID, parts: parts, ifNoneMatch: false, fullObjectChecksum: nil)
        } catch {
            abort()
            throw error
        }
    }

    /// Drops the parts uploaded so far.
    public func abort() {
        guard let uploadID else { return }
        try? s3.abortMultipartUpload(bucket: bucket, key: key, uploadID: uploadID)
        self.uploadID = nil
    }

    private func uploadBuffer() throws(AWSError) {
        let uploadID: String
        if let existing = self.uploadID {
            uploadID = existing
        } else {
            uploadID = try s3.createMultipartUpload(
                bucket: bucket, key: key, options: PutObjectOptions(contentType: "application/json"))
            self.uploadID = uploadID
        }
        parts.append(
            try s3.uploadPart(
                bucket: bucket, key: key, uploadID: uploadID, partNumber: parts.count + 1, body: .bytes(buffer),
                checksum: nil))
        buffer.removeAll(keepingCapacity: true)
    }
}
