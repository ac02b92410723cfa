/// One contiguous range of a file that `SFTPSession.writeRanges` writes, with where its bytes
/// come from.
public struct SFTPRange {
    /// What a range's source has when asked.
    public enum Input {
        /// The next bytes of the range, in order.
        case bytes([UInt8])
        /// Nothing yet: ask again soon.
        case notYet
        /// The range is complete.
        case end
    }

    /// Where the range starts in the file.
    public var offset: UInt64
    /// Asked for the range's bytes on the writing thread, which it must never block (other
    /// ranges share that thread): bytes that another thread produces are handed over as they
    /// arrive, `.notYet` meanwhile. A throw ends the whole write.
    public var next: () throws -> Input

    public init(offset: UInt64, next: @escaping () throws -> Input) {
        self.offset = offset
        self.next = next
    }
}
