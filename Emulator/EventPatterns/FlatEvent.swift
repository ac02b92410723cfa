public import StateMachine

/// An event as patterns see it: every leaf value under its dotted path, with the array elements it
/// sits in.
///
/// Objects nest by path (`{"detail": {"state": "x"}}` and `{"detail.state": "x"}` both give
/// `detail.state`), arrays are transparent (each element is a leaf of the same path), and empty
/// arrays and objects leave no leaf, so `exists` sees only leaves, as on AWS.
public struct FlatEvent: Sendable {
    /// Leaves by path.
    let leaves: [String: [Leaf]]

    /// Flattens the whole event.
    public init(_ event: JSONValue) {
        self.init(event, keeping: nil)
    }

    /// Flattens only the paths some pattern names: `paths` holds every such path and every prefix
    /// of one (`detail`, `detail.object`, `detail.object.key`), so the rest of the event is never
    /// walked.
    init(_ event: JSONValue, keeping paths: Set<String>?) {
        var builder = Builder(paths: paths)
        if case .object(let members) = event {
            for (key, value) in members where paths?.contains(key) ?? true { builder.add(value, path: key, arrays: []) }
        }
        leaves = builder.leaves
    }

    private struct Builder {
        let paths: Set<String>?
        var leaves: [String: [Leaf]] = [:]
        var nextArray = 0

        init(paths: Set<String>?) {
            self.paths = paths
        }

        mutating func add(_ value: JSONValue, path: String, arrays: [ArrayPosition]) {
            switch value {
            case .object(let members):
                for (key, member) in members {
                    let nested = path + "." + key
                    if paths?.contains(nested) ?? true { add(member, path: nested, arrays: arrays) }
                }
            case .array(let elements):
                let array = nextArray
                nextArray += 1
                for (index, element) in elements.enumerated() {
                    add(element, path: path, arrays: arrays + [ArrayPosition(array: array, index: index)])
                }
            case .string, .int, .double, .bool, .null:
                if let leaf = LeafValue(value) { leaves[path, default: []].append(Leaf(value: leaf, arrays: arrays)) }
            }
        }
    }
}

/// One value of the event at a path.
struct Leaf: Sendable {
    let value: LeafValue
    /// The arrays the value is inside, outermost first, with the element it is in.
    let arrays: [ArrayPosition]

    /// Whether two leaves may satisfy one branch together: they must not lie in different
    /// elements of the same array.
    func isCompatible(with other: Leaf) -> Bool {
        for (mine, theirs) in zip(arrays, other.arrays) {
            guard mine.array == theirs.array else { return true }
            guard mine.index == theirs.index else { return false }
        }
        return true
    }
}

/// An element of an array of the event: which array (numbered as met) and which element.
struct ArrayPosition: Sendable, Hashable {
    let array: Int
    let index: Int
}

/// A scalar of the event.
enum LeafValue: Sendable {
    case string(String)
    /// The number as read, and as EventBridge compares it when it can.
    case number(JSONValue, ComparableNumber?)
    case boolean(Bool)
    case null

    /// A scalar of the event as patterns compare it; nil for an object or an array, which are never leaves.
    /// Inlined: made out of line, the leaf is returned through memory and read back in a way the processor stalls on.
    @inline(__always) init?(_ value: consuming JSONValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .int, .double: self = .number(value, ComparableNumber.of(value))
        case .bool(let flag): self = .boolean(flag)
        case .null: self = .null
        case .array, .object: return nil
        }
    }
}
