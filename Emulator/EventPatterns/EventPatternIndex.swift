public import StateMachine

/// Many patterns matched against each event together, in time that does not grow with the number
/// of patterns that cannot match it.
///
/// Each branch of each pattern is filed under one of its exact-value conditions (the one with the
/// fewest values, such as `"source": ["aws.s3"]`); an event looks up its own values at those paths
/// and checks only the branches filed there, plus the few that have no exact-value condition at
/// all. This is what EventBridge's automaton achieves by other means: rules on other sources or
/// detail types cost nothing.
public struct EventPatternIndex<Key: Hashable & Sendable>: Sendable {
    private var owners: [Key] = []
    /// Every pattern's branches, in the order added (one pattern's branches are consecutive), with
    /// the condition each is filed under.
    private var branches: [(owner: Int, branch: PatternBranch, anchor: Int?)] = []
    /// The paths branches are filed under, each with its branches by exact value.
    private var anchors: [Anchor] = []
    /// Positions in `anchors` by path.
    private var anchorPositions: [FieldPath: Int] = [:]
    /// Branches with no exact-value condition, checked against every event.
    private var unfiled: [Int] = []
    /// The paths any pattern names, with their prefixes: what an event is flattened for when a
    /// branch needs it flattened.
    private var paths = Set<String>()

    public init() {}

    /// The number of patterns added.
    public var count: Int { owners.count }

    /// Adds a pattern; `key` is what ``matches(_:)`` returns when it matches.
    public mutating func add(_ pattern: EventPattern, for key: Key) {
        let owner = owners.count
        owners.append(key)
        paths.formUnion(pattern.paths)
        for branch in pattern.branches {
            let number = branches.count
            guard let (condition, values) = anchor(of: branch) else {
                branches.append((owner, branch, nil))
                unfiled.append(number)
                continue
            }
            branches.append((owner, branch, condition))
            let path = branch.conditions[condition].path
            let position = anchorPositions[path] ?? anchors.count
            if position == anchors.count {
                anchorPositions[path] = position
                anchors.append(Anchor(path: path))
            }
            if !isKnownUniquelyReferenced(&anchors[position]) { anchors[position] = Anchor(copying: anchors[position]) }
            for value in values { anchors[position].file(number, under: value) }
        }
    }

    /// The keys of the patterns the event matches, each once, in the order they were added.
    public func matches(_ event: JSONValue) -> [Key] {
        var matched: [Int] = []
        var flattened: FlatEvent?
        for number in unfiled { check(number, event, anchorHolds: false, matched: &matched, flattened: &flattened) }
        for anchor in anchors {
            anchor.path.forEachValue(in: event) { value, inArray in
                guard let value = ExactValue(value), let list = anchor.list(of: value) else { return }
                for number in anchor.lists[list] {
                    check(number, event, anchorHolds: !inArray, matched: &matched, flattened: &flattened)
                }
            }
        }
        if matched.isEmpty { return [] }
        if matched.count == 1 { return [owners[matched[0]]] }
        // A pattern whose branches are filed in several places may have matched more than once.
        matched.sort()
        return matched.indices.filter { $0 == 0 || matched[$0 - 1] != matched[$0] }.map { owners[matched[$0]] }
    }

    /// Adds the branch's owner to `matched` when the branch matches; a pattern's branches come
    /// together, so one whose pattern just matched is not checked.
    /// - Parameter anchorHolds: whether the condition the branch is filed under holds on a value outside any array.
    private func check(_ number: Int, _ event: JSONValue, anchorHolds: Bool, matched: inout [Int], flattened: inout FlatEvent?) {
        let owner = branches[number].owner
        guard matched.last != owner,
            branches[number].branch.matches(event, flattened: &flattened, paths: paths, holding: anchorHolds ? branches[number].anchor : nil)
        else { return }
        matched.append(owner)
    }

    /// The condition to file a branch under: one of exact values only, whose values have the
    /// fewest branches filed under them so far, so that rules sharing a common value (a detail
    /// type every event has) are filed under a rarer one (their source) when they have it.
    private func anchor(of branch: PatternBranch) -> (condition: Int, values: [ExactValue])? {
        var best: (condition: Int, values: [ExactValue], crowd: Int)?
        for (index, condition) in branch.conditions.enumerated() {
            let values = condition.matchers.compactMap(ExactValue.init)
            guard values.count == condition.matchers.count else { continue }
            let anchor = anchorPositions[condition.path].map { anchors[$0] }
            let crowd = values.reduce(values.count) { crowd, value in crowd + (anchor?.list(of: value).map { anchor!.lists[$0].count } ?? 0) }
            if best == nil || crowd < best!.crowd { best = (index, values, crowd) }
        }
        return best.map { ($0.condition, $0.values) }
    }
}

/// The branches filed under one path, by the exact value they need there. A class, so that
/// reading one while matching does not copy its tables; changed only while its index is built,
/// through a reference no other index shares.
private final class Anchor: @unchecked Sendable {
    let path: FieldPath
    /// The values filed, and for each the branch numbers, ascending.
    private(set) var values: [ExactValue] = []
    private(set) var lists: [[Int]] = []
    /// Positions in `values`, for looking up among many.
    private var positions: [ExactValue: Int] = [:]

    init(path: FieldPath) {
        self.path = path
    }

    /// A copy, for an index whose copy is being changed.
    init(copying other: Anchor) {
        path = other.path
        values = other.values
        lists = other.lists
        positions = other.positions
    }

    func file(_ number: Int, under value: ExactValue) {
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
