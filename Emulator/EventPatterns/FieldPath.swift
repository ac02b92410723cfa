import StateMachine

/// A field's dotted path (`detail.object.key`), ready to find that field's values in an event by
/// looking its keys up, without flattening the rest of the event.
///
/// An event names a path the same way whether it nests objects or writes dots in its keys
/// (`{"detail": {"object.key": …}}` is at `detail.object.key` too), so at each object the walk
/// looks up every key that would continue the path: `detail`, `detail.object` and
/// `detail.object.key` at the top. Arrays are transparent; values inside one are reported as such.
struct FieldPath: Sendable, Hashable {
    /// The path as the pattern names it.
    let text: String
    /// The keys that continue the path from segment `i` (spanning segments `i` through `i + n`,
    /// joined by dots) are `keys[rows[i] + n]`, for `n` below the number of segments left.
    private let keys: [String]
    private let rows: [Int]

    init(_ text: String) {
        self.text = text
        let segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var keys: [String] = []
        var rows: [Int] = []
        for first in segments.indices {
            rows.append(keys.count)
            for last in first..<segments.count { keys.append(segments[first...last].joined(separator: ".")) }
        }
        self.keys = keys
        self.rows = rows
    }

    static func == (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.text == rhs.text }

    func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }

    /// Calls `body` with each scalar of the event at this path, and whether it lies inside an array.
    /// Objects at the path, and empty arrays, are no values, as on AWS.
    func forEachValue(in event: JSONValue, _ body: (LeafValue, _ inArray: Bool) -> Void) {
        guard case .object(let members) = event else { return }
        visit(members, from: 0, inArray: false, body)
    }

    private func visit(_ members: [String: JSONValue], from segment: Int, inArray: Bool, _ body: (LeafValue, Bool) -> Void) {
        for span in 0..<(rows.count - segment) {
            guard let member = members[keys[rows[segment] + span]] else { continue }
            descend(member, to: segment + span + 1, inArray: inArray, body)
        }
    }

    private func descend(_ value: JSONValue, to segment: Int, inArray: Bool, _ body: (LeafValue, Bool) -> Void) {
        switch value {
        case .object(let members):
            if segment < rows.count { visit(members, from: segment, inArray: inArray, body) }
        case .array(let elements):
            for element in elements { descend(element, to: segment, inArray: true, body) }
        default:
            if segment == rows.count, let leaf = LeafValue(value) { body(leaf, inArray) }
        }
    }
}
