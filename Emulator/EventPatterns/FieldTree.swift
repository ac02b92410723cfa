import StateMachine

/// A ``FieldTable``'s tree, laid out for the walk in flat arrays that matching reads in place.
final class FieldTree: Sendable {
    /// By node: the field whose path ends there, or -1.
    private let fields: [Int32]
    /// Node `n`'s edges are `edgeStarts[n]..<edgeStarts[n + 1]`.
    private let edgeStarts: [Int]
    private let edgeKeys: [String]
    /// Each key's length in UTF-8 bytes, compared before the key itself.
    private let edgeLengths: [Int]
    private let edgeTargets: [Int]
    /// By node: bit `n` set when one of its keys is `n` bytes long (bit 63 for 63 and longer), so
    /// that most of an object's members are passed over without reading the edges.
    private let lengthMasks: [UInt64]

    /// Object members beyond which the walk looks its keys up instead of reading every member's key.
    private static let scanLimit = 16

    init(fields: [Int32], edgesByNode: [[FieldTable.Edge]]) {
        let edges = edgesByNode.joined()
        self.fields = fields
        edgeStarts = edgesByNode.reduce(into: [0]) { starts, node in starts.append(starts.last! + node.count) }
        edgeKeys = edges.map(\.key)
        edgeLengths = edges.map(\.key.utf8.count)
        edgeTargets = edges.map(\.target)
        lengthMasks = edgesByNode.map { node in node.reduce(0) { mask, edge in mask | Self.lengthBit(edge.key.utf8.count) } }
    }

    private static func lengthBit(_ length: Int) -> UInt64 {
        1 << UInt64(min(length, 63))
    }

    /// Calls `body` with the event's values for every field, read in one walk, and the event itself.
    @inline(__always) func resolving<Result>(_ event: JSONValue, _ body: (borrowing ResolvedEvent, JSONValue) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: ResolvedLeaf.self, capacity: ResolvedEvent.inlineCapacity) { buffer in
            var resolved = ResolvedEvent(inline: buffer)
            if case .object(let members) = event { visit(members, node: 0, inArray: false, into: &resolved) }
            return body(resolved, event)
        }
    }

    private func visit(_ members: [String: JSONValue], node: Int, inArray: Bool, into resolved: inout ResolvedEvent) {
        let edges = edgeStarts[node]..<edgeStarts[node + 1]
        if members.count > Self.scanLimit {
            for edge in edges {
                if let member = members[edgeKeys[edge]] { descend(member, node: edgeTargets[edge], inArray: inArray, into: &resolved) }
            }
            return
        }
        // Reading a few keys costs less than hashing the edges' keys to look them up. Each edge
        // matches one member at most, so the scan ends when every edge has matched.
        let lengths = lengthMasks[node]
        var unmatched = edges.count
        var position = members.startIndex
        while position != members.endIndex {
            let length = members.keys[position].utf8.count
            if lengths & Self.lengthBit(length) != 0 {
                for edge in edges where edgeLengths[edge] == length && edgeKeys[edge] == members.keys[position] {
                    descend(members.values[position], node: edgeTargets[edge], inArray: inArray, into: &resolved)
                    unmatched -= 1
                    if unmatched == 0 { return }
                }
            }
            members.formIndex(after: &position)
        }
    }

    /// Takes the value it is given, so that a leaf keeps the copy read out of the event instead of making another.
    private func descend(_ value: consuming JSONValue, node: Int, inArray: Bool, into resolved: inout ResolvedEvent) {
        switch value {
        case .object(let members):
            if edgeStarts[node] < edgeStarts[node + 1] { visit(members, node: node, inArray: inArray, into: &resolved) }
        case .array(let elements):
            for element in elements { descend(element, node: node, inArray: true, into: &resolved) }
        default:
            let field = fields[node]
            if field >= 0, let leaf = LeafValue(value) { resolved.append(ResolvedLeaf(field: field, inArray: inArray, value: leaf)) }
        }
    }
}
