/// A compiled path: the JsonPath subset Step Functions accepts in JSONPath mode.
///
/// `$` addresses the state's input, `$$` the context object. A path is *definite* when it names
/// one node (`$.a.b`, `$['a b'][0]`); it then yields that node or nothing. Wildcards, unions and
/// slices (`$.a[*].b`, `$.a[0,2]`, `$.a[1:]`) make it indefinite, and it yields an array of every
/// match, as Jayway (the library AWS builds on) does, and so do filters (`$.users[?(@.status == 0)]`,
/// see `Filter`). Recursive descent (`..`) is refused when the definition is read.
struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    enum Root: Sendable, Hashable {
        case input
        case context
    }

    enum Segment: Sendable, Hashable {
        case field(String)
        case fields([String])
        case index(Int)
        case indices([Int])
        case wildcard
        case slice(start: Int?, end: Int?, step: Int)
        case filter(Filter)
    }

    let text: String
    let root: Root
    let segments: [Segment]

    /// `$`: the whole input.
    static let input = JSONPath(text: "$", root: .input, segments: [])

    var description: String { text }

    var isDefinite: Bool {
        segments.allSatisfy { segment in
            switch segment {
            case .field, .index: true
            default: false
            }
        }
    }

    /// True when every segment names an object member: the only paths `ResultPath` can write to.
    var isFieldReference: Bool {
        segments.allSatisfy { if case .field = $0 { true } else { false } }
    }

    /// The node(s) this path picks out of `document`; nil when a definite path matches nothing.
    func select(from document: JSONValue) -> JSONValue? {
        if isDefinite {
            var node = document
            for segment in segments {
                guard let next = Self.step(node, segment).first else { return nil }
                node = next
            }
            return node
        }
        var nodes = [document]
        for segment in segments {
            nodes = nodes.flatMap { Self.step($0, segment) }
        }
        return .array(nodes)
    }

    private static func step(_ node: JSONValue, _ segment: Segment) -> [JSONValue] {
        switch (segment, node) {
        case (.field(let name), .object(let members)):
            return members[name].map { [$0] } ?? []
        case (.fields(let names), .object(let members)):
            return names.compactMap { members[$0] }
        case (.index(let index), .array(let elements)):
            return element(elements, at: index).map { [$0] } ?? []
        case (.indices(let indices), .array(let elements)):
            return indices.compactMap { element(elements, at: $0) }
        case (.wildcard, .array(let elements)):
            return elements
        case (.wildcard, .object(let members)):
            return members.keys.sorted().compactMap { members[$0] }
        case (.slice(let start, let end, let step), .array(let elements)):
            return slice(elements, start: start, end: end, step: step)
        case (.filter(let filter), .array(let elements)):
            return elements.filter(filter.matches)
        case (.filter(let filter), .object(let members)):
            return members.keys.sorted().compactMap { members[$0] }.filter(filter.matches)
        default:
            return []
        }
    }

    /// Negative indices count from the end, as Jayway's `[-1]` does.
    private static func element(_ elements: [JSONValue], at index: Int) -> JSONValue? {
        let resolved = index < 0 ? elements.count + index : index
        return elements.indices.contains(resolved) ? elements[resolved] : nil
    }

    private static func slice(_ elements: [JSONValue], start: Int?, end: Int?, step: Int) -> [JSONValue] {
        func clamp(_ bound: Int) -> Int {
            min(max(bound < 0 ? elements.count + bound : bound, 0), elements.count)
        }
        let lower = clamp(start ?? 0)
        let upper = clamp(end ?? elements.count)
        guard lower < upper else { return [] }
        return stride(from: lower, to: upper, by: step).map { elements[$0] }
    }
}
