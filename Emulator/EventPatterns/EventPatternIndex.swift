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
    /// Every pattern's branches, in the order added: one pattern's branches are consecutive.
    private var branches: [(owner: Int, branch: PatternBranch)] = []
    /// The paths branches are filed under, and under each, the branch numbers by exact value.
    private var anchors: [(path: FieldPath, filed: [ExactValue: [Int]])] = []
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
            branches.append((owner, branch))
            guard let anchor = anchor(of: branch) else {
                unfiled.append(number)
                continue
            }
            let position = anchorPositions[anchor.path] ?? anchors.count
            if position == anchors.count {
                anchorPositions[anchor.path] = position
                anchors.append((anchor.path, [:]))
            }
            for value in anchor.values { anchors[position].filed[value, default: []].append(number) }
        }
    }

    /// The keys of the patterns the event matches, each once, in the order they were added.
    public func matches(_ event: JSONValue) -> [Key] {
        var candidates = unfiled
        for (path, filed) in anchors {
            path.forEachValue(in: event) { value, _ in
                guard let value = ExactValue(value), let numbers = filed[value] else { return }
                candidates += numbers
            }
        }
        guard !candidates.isEmpty else { return [] }
        candidates.sort()
        var matched: [Key] = []
        var flattened: FlatEvent?
        var lastOwner = -1
        // Ascending branch numbers: a pattern's branches come together, so its owner once matched
        // is the last one, and a branch filed under several values is checked once.
        for (position, number) in candidates.enumerated() where position == 0 || candidates[position - 1] != number {
            let (owner, branch) = branches[number]
            guard owner != lastOwner, branch.matches(event, flattened: &flattened, paths: paths) else { continue }
            matched.append(owners[owner])
            lastOwner = owner
        }
        return matched
    }

    /// The condition to file a branch under: one of exact values only, whose values have the
    /// fewest branches filed under them so far, so that rules sharing a common value (a detail
    /// type every event has) are filed under a rarer one (their source) when they have it.
    private func anchor(of branch: PatternBranch) -> (path: FieldPath, values: [ExactValue])? {
        var best: (path: FieldPath, values: [ExactValue], crowd: Int)?
        for condition in branch.conditions {
            let values = condition.matchers.compactMap(ExactValue.init)
            guard values.count == condition.matchers.count else { continue }
            let filed = anchorPositions[condition.path].map { anchors[$0].filed }
            let crowd = values.reduce(values.count) { $0 + (filed?[$1]?.count ?? 0) }
            if best == nil || crowd < best!.crowd { best = (condition.path, values, crowd) }
        }
        return best.map { ($0.path, $0.values) }
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
