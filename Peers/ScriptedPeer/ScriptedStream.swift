public import HTTPTransport

/// A peer in memory that answers each connection with scripted bytes, a few at a time, then closes;
/// or, when `endless`, sends the same byte forever. What the client sent is kept for the test.
public final class ScriptedStream: StreamConnection {
    /// What each connection receives, in order; a connection past the script gets nothing.
    private let script: [[UInt8]]
    private let endless: UInt8?
    private let pieceBytes: Int
    private var offset = 0
    public private(set) var connections = 0
    public private(set) var sent: [UInt8] = []
    public private(set) var isConnected = false

    /// - Parameters:
    ///   - responses: the bytes of each connection, as text.
    ///   - pieceBytes: how many bytes each receive hands over; 1 splits every token.
    public convenience init(_ responses: [String], pieceBytes: Int = 1) {
        self.init(bytes: responses.map { Array($0.utf8) }, pieceBytes: pieceBytes)
    }

    /// The same, with each connection's bytes as they are.
    public init(bytes responses: [[UInt8]], pieceBytes: Int = 1) {
        script = responses
        endless = nil
        self.pieceBytes = pieceBytes
    }

    /// A peer that sends `byte` for as long as it is read.
    public init(endless byte: UInt8, pieceBytes: Int = 4096) {
        script = []
        endless = byte
        self.pieceBytes = pieceBytes
    }

    public func connect() throws(TransportError) {
        connections += 1
        offset = 0
        isConnected = true
    }

    public func drop() {
        isConnected = false
    }

    public func send(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        sent.append(contentsOf: bytes)
    }

    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        if let endless {
            let count = min(buffer.count, pieceBytes)
            buffer.baseAddress!.initializeMemory(as: UInt8.self, repeating: endless, count: count)
            return count
        }
        let bytes = connections <= script.count ? script[connections - 1] : []
        let count = min(buffer.count, pieceBytes, bytes.count - offset)
        guard count > 0 else {
            isConnected = false
            return 0
        }
        buffer.copyBytes(from: bytes[offset..<(offset + count)])
        offset += count
        return count
    }
}
