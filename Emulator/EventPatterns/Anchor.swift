/// The branches filed under one field, by the exact value they need there.
struct Anchor: Sendable {
    let field: Int32
    /// The values filed, and for each the branch numbers, ascending.
    private var values: [ExactValue] = []
    private var lists: [[Int]] = []
    /// Positions in `values`, for looking up among many.
    private var positions: [ExactValue: Int] = [:]
    /// Where each value's branch numbers lie in the index's list of them, once ``laid(into:)``.
    private var ranges: [Range<Int>] = []

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

    /// The number of branches filed under `value`.
    func count(filedUnder value: ExactValue) -> Int {
        positions[value].map { lists[$0].count } ?? 0
    }

    /// This anchor with its branch numbers appended to `filed`, for ``filed(under:)`` to find.
    func laid(into filed: inout [Int]) -> Anchor {
        var laid = self
        laid.ranges = lists.map { list in
            filed += list
            return (filed.count - list.count)..<filed.count
        }
        return laid
    }

    /// Where the numbers of the branches filed under the event's value lie in the index's list,
    /// if any. Compared in place among a few values, looked up among many.
    @inline(__always) func filed(under leaf: LeafValue) -> Range<Int>? {
        guard values.count > 8 else {
            for index in values.indices where values[index].equals(leaf) { return ranges[index] }
            return nil
        }
        return looked(up: leaf)
    }

    /// Kept out of line, so that the comparison among a few values stays small where it is inlined.
    @inline(never) private func looked(up leaf: LeafValue) -> Range<Int>? {
        ExactValue(leaf).flatMap { positions[$0] }.map { ranges[$0] }
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
