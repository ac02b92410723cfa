import AWS
import Dispatch
import SFTP
import TransferCore

/// One byte range of an S3 object downloaded on a thread of its own (a ranged `GetObject` with
/// `If-Match`, so every range comes from the same version) and handed to the SFTP writer as an
/// `SFTPRange`, polled without blocking.
///
/// Memory: at most `depth + 2` buffers of `bufferSize`. `finish()` must be called: it stops the
/// download when the writer gave up and waits for its thread.
final class S3RangeFeed {
    let range: ClosedRange<Int64>
    private let handoff: BufferHandoff
    private let downloading = DispatchGroup()
    private var delivered: Int64 = 0

    /// Starts downloading `range` of the object, of the version with `eTag` when given.
    init(
        s3: any ObjectStore, bucket: String, key: String, eTag: String?, range: ClosedRange<Int64>, bufferSize: Int,
        depth: Int = 1
    ) {
        self.range = range
        let handoff = BufferHandoff(depth: depth)
        self.handoff = handoff
        DispatchQueue.global().async(group: downloading) {
            let sink = HandoffSink(handoff: handoff, capacity: bufferSize)
            do {
                try s3.getObject(bucket: bucket, key: key, range: range, ifMatch: eTag, into: sink)
                try sink.flush()
                handoff.close(failure: nil)
            } catch {
                handoff.close(failure: error)
            }
        }
    }

    /// The range for `SFTPSession.writeRanges`, checking `stop` before each buffer and the byte
    /// count at the end.
    func sftpRange(stop: StopFlag?, description: String) -> SFTPRange {
        SFTPRange(offset: UInt64(range.lowerBound)) { [self] in
            if let stop, stop.isRequested {
                throw TransferError.stopped("\(description), in bytes \(range.lowerBound)–\(range.upperBound)")
            }
            let input = try handoff.poll()
            switch input {
            case .bytes(let buffer):
                delivered += Int64(buffer.count)
            case .end:
                guard delivered == Int64(range.count) else {
                    throw TransferError(
                        kind: .transient,
                        message: "bytes \(range.lowerBound)–\(range.upperBound) of the object: \(delivered) arrived, not \(range.count)")
                }
            case .notYet:
                break
            }
            return input
        }
    }

    /// Stops the download if it still runs and waits for its thread.
    func finish() {
        handoff.cancel()
        downloading.wait()
    }
}

@available(*, unavailable, message: "polled from the one thread that drives the SFTP session")
extension S3RangeFeed: Sendable {}
