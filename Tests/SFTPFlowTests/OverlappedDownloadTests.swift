import AWS
@testable import SFTPTransfer
import Synchronization
import Testing

/// The handoff between the thread receiving from S3 and the one writing to the partner, driven by
/// a download that writes known bytes in uneven pieces, as libcurl does.
@Suite("Overlapped download")
struct OverlappedDownloadTests {
    struct Refused: Error, Equatable {}

    /// Writes `bytes` into the sink in pieces of 1 to 7,000 bytes.
    static func deliver(_ bytes: [UInt8], to sink: any ByteSink, failingAfter limit: Int? = nil) throws {
        var offset = 0
        var size = 1
        while offset < bytes.count {
            if let limit, offset >= limit { throw Refused() }
            let end = min(bytes.count, offset + size)
            try bytes[offset..<end].withUnsafeBytes { try sink.write($0) }
            offset = end
            size = size * 7 % 7_001 + 1
        }
    }

    @Test("every byte arrives in order, in buffers of the chosen size, the last one short")
    func deliversInOrder() throws {
        let bytes = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var received: [UInt8] = []
        var sizes: [Int] = []
        let written = try OverlappedDownload.run(bufferSize: 10_000, depth: 2, download: { try Self.deliver(bytes, to: $0) }) { buffer, offset in
            #expect(offset == Int64(received.count))
            received += buffer
            sizes.append(buffer.count)
        }
        #expect(written == 100_003)
        #expect(received == bytes)
        #expect(sizes == Array(repeating: 10_000, count: 10) + [3])
    }

    @Test("a download that fails part-way fails the copy with its error, after the buffers before it were written")
    func downloadFails() throws {
        let bytes = [UInt8](repeating: 7, count: 50_000)
        var written = 0
        #expect(throws: Refused.self) {
            try OverlappedDownload.run(bufferSize: 10_000, download: { try Self.deliver(bytes, to: $0, failingAfter: 30_000) }) { buffer, _ in
                written += buffer.count
            }
        }
        #expect(written <= 30_000)
    }

    @Test("a writer that fails stops the download, and the copy returns only after the download thread has ended")
    func writerFails() throws {
        let downloadEnded = Mutex(false)
        let bytes = [UInt8](repeating: 1, count: 1_000_000)
        #expect(throws: Refused.self) {
            try OverlappedDownload.run(
                bufferSize: 1_000, depth: 1,
                download: { sink in
                    defer { downloadEnded.withLock { $0 = true } }
                    try Self.deliver(bytes, to: sink)
                }
            ) { _, offset in
                if offset == 5_000 { throw Refused() }
            }
        }
        #expect(downloadEnded.withLock { $0 })
    }
}
