import HTTPTransport

/// A peer in memory that answers each connection with scripted bytes, a few at a time, then closes;
/// or, when `endless`, sends the same byte forever. What the client sent is kept for the test.
final class ScriptedStream: StreamConnection {
    /// What each connection receives, in order; a connection past the script gets nothing.
    private let script: [[UInt8]]
    private let endless: UInt8?
    private let pieceBytes: Int
    private var offset = 0
    private(set) var connections = 0
    private(set) var sent: [UInt8] = []
    private(set) var isConnected = false

    /// - Parameters:
    ///   - responses: the bytes of each connection, as text.
    ///   - pieceBytes: how many bytes each receive hands over; 1 splits every token.
    init(_ responses: [String], pieceBytes: Int = 1) {
        script = responses.map { Array($0.utf8) }
        endless = nil
        self.pieceBytes = pieceBytes
    }

    /// A peer that sends `byte` for as long as it is read.
    init(endless byte: UInt8, pieceBytes: Int = 4096) {
        script = []
        endless = byte
        self.pieceBytes = pieceBytes
    }

    func connect() throws(TransportError) {
        connections += 1
        offset = 0
        isConnected = true
    }

    func drop() {
        isConnected = false
    }

    func send(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        sent.append(contentsOf: bytes)
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
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
