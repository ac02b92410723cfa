/// The branches filed under one field, by the exact value they need there.
struct Anchor: Sendable {
    let field: Int32
    /// The values filed, and for each the branch numbers, ascending.
    private(set) var values: [ExactValue] = []
    private(set) var lists: [[Int]] = []
    /// Positions in `values`, for looking up among many.
    private var positions: [ExactValue: Int] = [:]

    init(field: Int32) {
        self.field = field
    }

    mutating func file(_ number: Int, under value: ExactValue) {
        if let list = positions[value] {
            lists[list].append(number)
        } else {
            positions[value] = values.count
            values.append(value)
            lists.append([number])
        }
    }

    /// The position in `lists` of the branches filed under `value`: compared one by one among a
    /// few values (cheaper than hashing the event's), looked up among many.
    func list(of value: ExactValue) -> Int? {
        values.count <= 8 ? values.firstIndex(of: value) : positions[value]
    }

    /// The position in `lists` of the branches filed under the event's value, if any.
    @inline(__always) func list(of leaf: LeafValue) -> Int? {
        guard values.count > 8 else {
            for index in values.indices where values[index].equals(leaf) { return index }
            return nil
        }
        return ExactValue(leaf).flatMap { positions[$0] }
    }
}

/// A value an exact-match literal and an event leaf agree on exactly when they are equal.
enum ExactValue: Hashable, Sendable {
    case string(String)
    case number(ComparableNumber)
    case boolean(Bool)
    case null

    init?(_ matcher: ValueMatcher) {
        switch matcher {
        case .string(let text): self = .string(text)
        case .number(_, let number?): self = .number(number)
        case .boolean(let flag): self = .boolean(flag)
        case .null: self = .null
        default: return nil
        }
    }

    /// Whether the leaf is this value: what `ExactValue(leaf) == self` says, without making one.
    @inline(__always) func equals(_ leaf: LeafValue) -> Bool {
        switch self {
        case .string(let expected): if case .string(let text) = leaf { expected == text } else { false }
        case .number(let expected): if case .number(_, let number?) = leaf { expected == number } else { false }
        case .boolean(let expected): if case .boolean(let flag) = leaf { expected == flag } else { false }
        case .null: if case .null = leaf { true } else { false }
        }
    }

    init?(_ leaf: LeafValue) {
        switch leaf {
        case .string(let text): self = .string(text)
        case .number(_, let number?): self = .number(number)
        case .boolean(let flag): self = .boolean(flag)
        case .null: self = .null
        case .number(_, nil): return nil
        }
    }
}
