/// The byte ranges of a multipart transfer: parts of the preferred size, grown when needed so an
/// object of any size (up to S3's 5 TiB) stays within 10,000 parts.
public struct PartRanges: RandomAccessCollection, Sendable {
    public let size: Int64
    public let partSize: Int64

    public init(size: Int64, preferredPartSize: Int64) {
        let countLimit = Int64(S3Client.maximumPartCount)
        self.size = size
        self.partSize = Swift.max(preferredPartSize, (size + countLimit - 1) / countLimit, 1)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { size == 0 ? 1 : Int((size + partSize - 1) / partSize) }

    /// Inclusive byte offsets of part `index` (0-based; S3's part number is `index + 1`).
    public subscript(index: Int) -> ClosedRange<Int64> {
        let start = Int64(index) * partSize
        return start...Swift.max(start, Swift.min(start + partSize, size) - 1)
    }
}
