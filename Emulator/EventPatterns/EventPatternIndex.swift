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
    /// The branches, immutable and shared: matching reads them in place (a generic struct's
    /// stored struct would be copied whole for every event), adding makes a new one.
    private var branches = BranchIndex()

    public init() {}

    /// The number of patterns added.
    public var count: Int { owners.count }

    /// Adds a pattern; `key` is what ``matches(_:)`` returns when it matches.
    public mutating func add(_ pattern: EventPattern, for key: Key) {
        branches = branches.adding(pattern, owner: owners.count)
        owners.append(key)
    }

    /// The keys of the patterns the event matches, each once, in the order they were added.
    public func matches(_ event: JSONValue) -> [Key] {
        branches.owners(matching: event).keys(of: owners)
    }
}

/// The branches of an index's patterns, filed for matching; patterns are known by number.
private final class BranchIndex: Sendable {
    typealias Entry = (owner: Int, branch: PatternBranch, fields: [Int32], anchor: Int?)

    /// Every pattern's branches, in the order added (one pattern's branches are consecutive), with
    /// their conditions' field numbers and the condition each is filed under.
    private let branches: [Entry]
    /// Every field any pattern reads, numbered, and their tree: an event is resolved for all of them in one walk.
    private let fields: FieldTable
    private let tree: FieldTree
    /// The fields branches are filed under, each with its branches by exact value.
    private let anchors: [Anchor]
    /// Positions in `anchors` by field number.
    private let anchorPositions: [Int32: Int]
    /// Branches with no exact-value condition, checked against every event.
    private let unfiled: [Int]
    /// The paths any pattern names, with their prefixes: what an event is flattened for when a
    /// branch needs it flattened.
    private let paths: Set<String>

    convenience init() {
        self.init(branches: [], fields: FieldTable(), anchors: [], anchorPositions: [:], unfiled: [], paths: [])
    }

    private init(
        branches: [Entry], fields: FieldTable, anchors: [Anchor], anchorPositions: [Int32: Int], unfiled: [Int], paths: Set<String>
    ) {
        self.branches = branches
        self.fields = fields
        tree = fields.tree
        self.anchors = anchors
        self.anchorPositions = anchorPositions
        self.unfiled = unfiled
        self.paths = paths
    }

    /// These branches and the pattern's.
    func adding(_ pattern: EventPattern, owner: Int) -> BranchIndex {
        var branches = branches
        var fields = fields
        var anchors = anchors
        var anchorPositions = anchorPositions
        var unfiled = unfiled
        for branch in pattern.branches {
            let number = branches.count
            let numbers = branch.conditions.map { fields.number(of: $0.path) }
            guard let (condition, values) = Self.anchor(of: branch, fields: numbers, anchors: anchors, positions: anchorPositions) else {
                branches.append((owner, branch, numbers, nil))
                unfiled.append(number)
                continue
            }
            branches.append((owner, branch, numbers, condition))
            let field = numbers[condition]
            let position = anchorPositions[field] ?? anchors.count
            if position == anchors.count {
                anchorPositions[field] = position
                anchors.append(Anchor(field: field))
            }
            for value in values { anchors[position].file(number, under: value) }
        }
        return BranchIndex(
            branches: branches, fields: fields, anchors: anchors, anchorPositions: anchorPositions, unfiled: unfiled,
            paths: paths.union(pattern.paths))
    }

    /// The patterns the event matches.
    func owners(matching event: JSONValue) -> Matched {
        tree.resolving(event) { resolved, event in
            var matched = Matched()
            var flattened: FlatEvent?
            for number in unfiled { check(number, resolved, event, anchorHolds: false, matched: &matched, flattened: &flattened) }
            for position in anchors.indices {
                resolved.forEachValue(of: anchors[position].field) { value, inArray in
                    guard let value = ExactValue(value), let list = anchors[position].list(of: value) else { return true }
                    for index in anchors[position].lists[list].indices {
                        check(anchors[position].lists[list][index], resolved, event, anchorHolds: !inArray, matched: &matched, flattened: &flattened)
                    }
                    return true
                }
            }
            return matched
        }
    }

    /// Adds the branch's owner to `matched` when the branch matches; a pattern's branches come
    /// together, so one whose pattern just matched is not checked.
    /// - Parameter anchorHolds: whether the condition the branch is filed under holds on a value outside any array.
    private func check(
        _ number: Int, _ event: borrowing ResolvedEvent, _ original: JSONValue, anchorHolds: Bool, matched: inout Matched,
        flattened: inout FlatEvent?
    ) {
        let owner = branches[number].owner
        guard matched.last != owner,
            branches[number].branch.matches(
                event, fields: branches[number].fields, original: original, flattened: &flattened, paths: paths,
                holding: anchorHolds ? branches[number].anchor : nil)
        else { return }
        matched.append(owner)
    }

    /// The condition to file a branch under: one of exact values only, whose values have the
    /// fewest branches filed under them so far, so that rules sharing a common value (a detail
    /// type every event has) are filed under a rarer one (their source) when they have it.
    private static func anchor(
        of branch: PatternBranch, fields: [Int32], anchors: [Anchor], positions: [Int32: Int]
    ) -> (condition: Int, values: [ExactValue])? {
        var best: (condition: Int, values: [ExactValue], crowd: Int)?
        for (index, condition) in branch.conditions.enumerated() {
            let values = condition.matchers.compactMap(ExactValue.init)
            guard values.count == condition.matchers.count else { continue }
            let anchor = positions[fields[index]].map { anchors[$0] }
            let crowd = values.reduce(values.count) { crowd, value in crowd + (anchor?.list(of: value).map { anchor!.lists[$0].count } ?? 0) }
            if best == nil || crowd < best!.crowd { best = (index, values, crowd) }
        }
        return best.map { ($0.condition, $0.values) }
    }
}

/// The branches filed under one field, by the exact value they need there.
private struct Anchor: Sendable {
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
}

/// The patterns an event matched, by number in the order found: one kept inline, so that the
/// usual single match allocates only the answer.
private struct Matched {
    private var first = -1
    private var rest: [Int] = []

    var last: Int? { rest.last ?? (first < 0 ? nil : first) }

    mutating func append(_ owner: Int) {
        if first < 0 { first = owner } else { rest.append(owner) }
    }

    /// The keys of the patterns matched, each once, in the order the patterns were added (a
    /// pattern filed in several places may have matched more than once).
    func keys<Key>(of owners: [Key]) -> [Key] {
        guard first >= 0 else { return [] }
        guard !rest.isEmpty else { return [owners[first]] }
        return Set([first] + rest).sorted().map { owners[$0] }
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
