/// Supplies a request body piece by piece while libcurl sends it, so an upload never has to sit
/// in memory whole.
///
/// A source is read once, from the start, by one transfer; a retried request needs a new source.
public protocol CurlBodySource: AnyObject {
    /// Copies up to `buffer.count` next bytes of the body into `buffer` and returns how many; 0 means
    /// the body has ended. Throwing aborts the transfer and the error reaches the caller of `perform`.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A body already in memory, handed out in the chunks libcurl asks for.
public final class CurlBytesSource: CurlBodySource {
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
