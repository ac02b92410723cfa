/// A part of a multipart upload: its number and the ETag S3 returned for it.
public struct MultipartPart: Sendable, Hashable {
    public var partNumber: Int
    public var eTag: String
    /// Reported by ListParts; 0 when built from an UploadPart response.
    public var size: Int64

    public init(partNumber: Int, eTag: String, size: Int64 = 0) {
        self.partNumber = partNumber
        self.eTag = eTag
        self.size = size
    }
}
