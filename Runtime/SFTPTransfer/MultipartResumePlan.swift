public import AWS

/// Which parts of an interrupted multipart upload can be kept, from what `ListParts` reports.
///
/// Kept: the longest run of parts 1, 2, … k whose sizes are those the part plan gives for the
/// file as it is now. Anything after a gap, or of another size (the file changed, or another part
/// size was used), is uploaded again: part numbers are reused, and S3 keeps the latest upload of
/// each number. Pure, so the rule is tested without S3.
public struct MultipartResumePlan: Sendable, Hashable {
    /// The parts already in S3 that the completion will use, in order.
    public var keptParts: [MultipartPart]
    /// 0-based index of the first part still to upload.
    public var nextPartIndex: Int

    public init(listed: [MultipartPart], ranges: PartRanges) {
        let byNumber = Dictionary(listed.map { ($0.partNumber, $0) }, uniquingKeysWith: { _, latest in latest })
        var kept: [MultipartPart] = []
        for index in ranges.indices {
            let range = ranges[index]
            guard let part = byNumber[index + 1], part.size == range.upperBound - range.lowerBound + 1 else { break }
            kept.append(part)
        }
        keptParts = kept
        nextPartIndex = kept.count
    }

    /// Bytes the kept parts cover: where reading resumes.
    public func resumeOffset(in ranges: PartRanges) -> Int64 {
        nextPartIndex == 0 ? 0 : ranges[nextPartIndex - 1].upperBound + 1
    }
}
