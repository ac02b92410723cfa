/// The body of a request and how it is signed.
public enum RequestBody {
    case empty
    /// A body in memory; its SHA-256 is signed.
    case bytes([UInt8])
    /// A body streamed from a source opened afresh for every attempt (a retry re-reads it from the
    /// start). `payloadHash` is `.unsignedPayload` unless the caller hashed the content beforehand.
    case stream(length: Int64, payloadHash: PayloadHash, open: () throws -> any ByteSource)

    var length: Int64 {
        switch self {
        case .empty: 0
        case .bytes(let bytes): Int64(bytes.count)
        case .stream(let length, _, _): length
        }
    }

    /// Bodies up to this size, when already in memory, skip libcurl (see `AWSClient.exchange`).
    static let smallBodyLimit = 1024 * 1024

    /// The body's bytes when it is in memory and small (an empty body included); nil when it
    /// streams or is large, and goes through libcurl.
    var smallBytes: [UInt8]? {
        switch self {
        case .empty: []
        case .bytes(let bytes): bytes.count <= Self.smallBodyLimit ? bytes : nil
        case .stream: nil
        }
    }

    /// A fresh source for the body; nil for an empty one.
    func openSource() throws -> (any ByteSource)? {
        switch self {
        case .empty: nil
        case .bytes(let bytes): BytesSource(bytes)
        case .stream(_, _, let open): try open()
        }
    }

    func payloadHash() throws -> PayloadHash {
        switch self {
        case .empty: .emptyBody
        case .bytes(let bytes): try PayloadHash.sha256(of: bytes)
        case .stream(_, let hash, _): hash
        }
    }
}
