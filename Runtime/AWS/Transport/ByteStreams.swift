public import CurlHTTP

/// A request body read piece by piece while it is sent (a file, a pipe, another download).
public typealias ByteSource = CurlBodySource
/// Receives a response body piece by piece as it arrives.
public typealias ByteSink = CurlBodySink
/// A body already in memory, as a `ByteSource`.
public typealias BytesSource = CurlBytesSource

/// A sink that keeps everything in memory; for small objects and tests.
public final class CollectingSink: ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ chunk: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: chunk)
    }
}
