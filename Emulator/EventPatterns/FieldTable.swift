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
    /// The tree laid out for walking events, made when an index is made rather than at every field numbered.
    var tree: FieldTree { FieldTree(fields: fields, edgesByNode: edgesByNode) }

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
        return fields[node]
    }
}
