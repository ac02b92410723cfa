import TransferCore

/// When and how S3 → SFTP splits a file over several SFTP channels of its one connection
/// (`SFTPSession.writeRanges`), each channel writing one contiguous range fed by its own ranged
/// `GetObject`; SFTP → S3 reads over several channels by the same setting (`SFTPToS3Transfer`).
///
/// One channel carries at most its window per round trip (2 MiB from OpenSSH's sshd: about
/// 40 MB/s at 50 ms), so at internet distances a large file goes faster over several. Small files
/// do not: each channel costs a few round trips to open.
public struct ParallelUpload: Sendable, Hashable {
    /// At most `maximumSFTPChannelsPerFile` (8).
    public static let maximumChannels = maximumSFTPChannelsPerFile

    /// Channels per file at or above `threshold`; 1 writes every file over one channel.
    public var channels: Int
    /// The smallest file split over `channels`.
    public var threshold: Int64

    /// 4 channels from 64 MiB.
    public static let standard = ParallelUpload(channels: 4, threshold: 64 * 1024 * 1024)

    /// One channel whatever the size.
    public static let single = ParallelUpload(channels: 1, threshold: .max)

    public init(channels: Int, threshold: Int64) {
        self.channels = min(max(1, channels), Self.maximumChannels)
        self.threshold = threshold
    }

    /// The channels a file of `size` bytes goes over: `channels` from `threshold`, else 1.
    public func channels(forSize size: Int64) -> Int {
        size >= threshold ? channels : 1
    }

    /// These settings with at most `limit` channels (a partner's own limit); nil changes nothing.
    public func limited(to limit: Int?) -> ParallelUpload {
        guard let limit else { return self }
        return ParallelUpload(channels: min(channels, limit), threshold: threshold)
    }

    /// The contiguous ranges a file of `size` bytes is written in: one unless the file is at
    /// least `threshold`, then `channels` of nearly equal length.
    public func ranges(size: Int64) -> [ClosedRange<Int64>] {
        guard size > 0 else { return [] }
        let count = min(Int64(channels(forSize: size)), size)
        let length = (size + count - 1) / count
        return stride(from: Int64(0), to: size, by: Int64.Stride(length)).map { (start: Int64) -> ClosedRange<Int64> in
            let end: Int64 = min(start + length, size) - 1
            return start...end
        }
    }
}
