/// A request body read piece by piece while it is sent (a file, a pipe, another download).
///
/// A source is read once, from the start, by one request; a retried request opens a new one.
public protocol ByteSource: AnyObject {
    /// Copies up to `buffer.count` next bytes of the body into `buffer` and returns how many; 0 means
    /// the body has ended. Throwing aborts the request, and the call fails with `StreamFailure`.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Receives a response body piece by piece as it arrives, so a download never sits in memory whole.
public protocol ByteSink: AnyObject {
    /// Takes the next bytes of the body; the buffer is valid only during the call. Throwing aborts
    /// the request, as for ``ByteSource``.
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// A body already in memory, as a ``ByteSource``.
public final class BytesSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
        }
        offset += count
        return count
    }
}

/// A sink that keeps everything in memory; for small objects and tests.
public final class CollectingSink: ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ chunk: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: chunk)
    }
}
