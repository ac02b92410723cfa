/// An object's bytes as the in-memory store keeps them: described, not held, so a test can copy a
/// 6 GiB object without allocating it.
///
/// Content is a run of extents, each a range of some blob's bytes. A copy keeps the extents, so a
/// destination assembled from parts compares equal to its source exactly when the parts cover the
/// source's bytes in order, once each (adjacent ranges of one blob merge).
struct Content: Hashable, Sendable {
    private(set) var extents: [Extent] = []

    struct Extent: Hashable, Sendable {
        var blob: Blob
        var range: Range<Int64>

        var length: Int64 { range.upperBound - range.lowerBound }
    }

    /// Where bytes come from: literal bytes, or a named pattern of any length (byte `i` of
    /// pattern `name` is a function of both).
    enum Blob: Hashable, Sendable {
        case bytes([UInt8])
        case pattern(String)
    }

    /// Literal bytes: manifests, results, reports.
    init(_ bytes: [UInt8]) {
        append(Extent(blob: .bytes(bytes), range: 0..<Int64(bytes.count)))
    }

    /// `size` bytes of the pattern `name`; a different name is different content.
    static func pattern(_ name: String, size: Int64) -> Content {
        var content = Content([])
        content.append(Extent(blob: .pattern(name), range: 0..<size))
        return content
    }

    var size: Int64 { extents.reduce(0) { $0 + $1.length } }

    /// Bytes `range` (inclusive) of this content.
    func slice(_ range: ClosedRange<Int64>) -> Content {
        var result = Content([])
        var offset: Int64 = 0
        for extent in extents {
            let start = max(range.lowerBound, offset)
            let end = min(range.upperBound + 1, offset + extent.length)
            if start < end {
                let base = extent.range.lowerBound - offset
                result.append(Extent(blob: extent.blob, range: (base + start)..<(base + end)))
            }
            offset += extent.length
        }
        return result
    }

    static func + (left: Content, right: Content) -> Content {
        var result = left
        for extent in right.extents { result.append(extent) }
        return result
    }

    /// The bytes themselves; only for content small enough to hold.
    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(size))
        for extent in extents {
            switch extent.blob {
            case .bytes(let source): bytes += source[Int(extent.range.lowerBound)..<Int(extent.range.upperBound)]
            case .pattern(let name):
                let seed = name.utf8.reduce(UInt8(0)) { $0 &+ $1 }
                bytes += extent.range.map { UInt8(truncatingIfNeeded: $0 &* 31) &+ seed }
            }
        }
        return bytes
    }

    private mutating func append(_ extent: Extent) {
        guard !extent.range.isEmpty else { return }
        if let last = extents.last, last.blob == extent.blob, last.range.upperBound == extent.range.lowerBound {
            extents[extents.count - 1].range = last.range.lowerBound..<extent.range.upperBound
        } else {
            extents.append(extent)
        }
    }
}

extension Content: CustomStringConvertible {
    /// The extents, never the bytes: a failed expectation prints this, and content may be large.
    var description: String {
        let runs = extents.map { extent in
            switch extent.blob {
            case .bytes(let bytes): "\(bytes.count) literal bytes[\(extent.range)]"
            case .pattern(let name): "pattern \"\(name)\"[\(extent.range)]"
            }
        }
        return "\(size) bytes: " + runs.joined(separator: " + ")
    }
}
