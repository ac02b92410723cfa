public import AWS

/// Which parts of an interrupted multipart upload can be kept, from what `ListParts` reports.
///
/// Kept: every listed part whose size is the one the part plan gives for the file as it is now,
/// wherever it lies (a file read over several channels leaves parts from several ranges). A part
/// of another size (the file changed, or another part size was used) is uploaded again under its
/// number, and S3 keeps the latest upload of each number. Pure, so the rule is tested without S3.
public struct MultipartResumePlan: Sendable, Hashable {
    /// The parts already in S3 that the completion will use, by part number.
    public private(set) var keptParts: [MultipartPart]
    private var keptNumbers: Set<Int>

    public init(listed: [MultipartPart], ranges: PartRanges) {
        let byNumber = Dictionary(listed.map { ($0.partNumber, $0) }, uniquingKeysWith: { _, latest in latest })
        keptParts = ranges.indices.compactMap { index in
            let range = ranges[index]
            guard let part = byNumber[index + 1], part.size == range.upperBound - range.lowerBound + 1 else { return nil }
            return part
        }
        keptNumbers = Set(keptParts.map(\.partNumber))
    }

    /// Whether part `index` (0-based) is in S3 already and only needs reading for the checksum.
    public func keeps(partIndex index: Int) -> Bool {
        keptNumbers.contains(index + 1)
    }
}
