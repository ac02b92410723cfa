import AWS
import Dispatch
import SFTP

/// Runs a download on a thread of its own while the caller writes what has arrived, so receiving
/// from S3 and sending to the partner overlap instead of taking turns.
///
/// The body is gathered into buffers of `bufferSize` (`SFTPFile.preferredWriteSize`; the file's
/// write window, not the buffer, sets what is in flight); at most `depth` wait between the two sides, so
/// memory stays at `depth + 2` buffers, reused throughout, whatever the size. The writes stay on
/// the calling thread, the one that owns the SFTP session.
enum OverlappedDownload {
    /// - Parameters:
    ///   - download: runs on another thread and streams the body into the sink it is given.
    ///   - write: runs on the calling thread with each buffer, in order, and the number of bytes
    ///     written before it.
    /// - Returns: the bytes written.
    /// - Throws: the first failure of either side, after the download thread has ended.
    static func run(
        bufferSize: Int = SFTPFile.preferredWriteSize, depth: Int = 1,
        download: @escaping @Sendable (any ByteSink) throws -> Void,
        write: (_ buffer: [UInt8], _ offset: Int64) throws -> Void
    ) throws -> Int64 {
        let handoff = BufferHandoff(depth: depth)
        let downloading = DispatchGroup()
        DispatchQueue.global().async(group: downloading) {
            let sink = HandoffSink(handoff: handoff, capacity: bufferSize)
            do {
                try download(sink)
                try sink.flush()
                handoff.close(failure: nil)
            } catch {
                handoff.close(failure: error)
            }
        }
        var written: Int64 = 0
        do {
            while let buffer = try handoff.receive() {
                try write(buffer, written)
                written += Int64(buffer.count)
                handoff.recycle(consume buffer)
            }
        } catch {
            handoff.cancel()
            downloading.wait()
            throw error
        }
        downloading.wait()
        return written
    }
}
