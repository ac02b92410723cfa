import StateMachine

/// The fields a set of patterns reads, each numbered once, arranged as a tree of the object keys
/// that lead to them: an event is walked once, along that tree only, and every field's values
/// come out of the one walk (``ResolvedEvent``, by its ``FieldTree``), however many patterns read them.
///
/// The tree's nodes are the fields' paths and every prefix of one (node 0 is the event's top
/// level). From a node, one edge leads to each longer prefix, its key the segments between
/// (`detail` → `detail.object.key` by the key `object.key`), because an event may write dots in
/// its keys. Arrays are transparent: their elements stand at the node the array stands at.
struct FieldTable: Sendable {
    /// By node: the field whose path ends there (-1 for none), and the node's edges.
    private var fields: [Int32] = [-1]
    private var edgesByNode: [[Edge]] = [[]]
    private var nodeNumbers: [String: Int] = ["": 0]
    /// The number of fields numbered so far.
    private(set) var count = 0
    /// The tree laid out for walking events.
    private(set) var tree = FieldTree(fields: [-1], edgesByNode: [[]])

    struct Edge: Sendable {
        let key: String
        let target: Int
    }

    /// The number of the field at `path`, numbering it when it is new.
    mutating func number(of path: FieldPath) -> Int32 {
        let segments = path.segments
        var prefixes = [""]
        for index in segments.indices { prefixes.append(segments[...index].joined(separator: ".")) }
        for prefix in prefixes where nodeNumbers[prefix] == nil {
            nodeNumbers[prefix] = fields.count
            fields.append(-1)
            edgesByNode.append([])
        }
        for from in prefixes.indices.dropLast() {
            let source = nodeNumbers[prefixes[from]]!
            for to in (from + 1)..<prefixes.count {
                let key = segments[from..<to].joined(separator: ".")
                guard !edgesByNode[source].contains(where: { $0.key == key }) else { continue }
                edgesByNode[source].append(Edge(key: key, target: nodeNumbers[prefixes[to]]!))
            }
        }
        let node = nodeNumbers[path.text]!
        if fields[node] < 0 {
            fields[node] = Int32(count)
            count += 1
        }
        tree = FieldTree(fields: fields, edgesByNode: edgesByNode)
        return fields[node]
    }
}

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

    /// Object members beyond which the walk looks its keys up instead of reading every member's key.
    private static let scanLimit = 16

    init(fields: [Int32], edgesByNode: [[FieldTable.Edge]]) {
        let edges = edgesByNode.joined()
        self.fields = fields
        edgeStarts = edgesByNode.reduce(into: [0]) { starts, node in starts.append(starts.last! + node.count) }
        edgeKeys = edges.map(\.key)
        edgeLengths = edges.map(\.key.utf8.count)
        edgeTargets = edges.map(\.target)
    }

    /// Calls `body` with the event's values for every field, read in one walk, and the event itself.
    func resolving<Result>(_ event: JSONValue, _ body: (borrowing ResolvedEvent, JSONValue) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: ResolvedLeaf.self, capacity: ResolvedEvent.inlineCapacity) { buffer in
            var resolved = ResolvedEvent(inline: buffer)
            if case .object(let members) = event { visit(members, node: 0, inArray: false, into: &resolved) }
            defer { resolved.release() }
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
        // Reading a few keys costs less than hashing the edges' keys to look them up.
        var position = members.startIndex
        while position != members.endIndex {
            let length = members.keys[position].utf8.count
            for edge in edges where edgeLengths[edge] == length && edgeKeys[edge] == members.keys[position] {
                descend(members.values[position], node: edgeTargets[edge], inArray: inArray, into: &resolved)
            }
            members.formIndex(after: &position)
        }
    }

    private func descend(_ value: JSONValue, node: Int, inArray: Bool, into resolved: inout ResolvedEvent) {
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
