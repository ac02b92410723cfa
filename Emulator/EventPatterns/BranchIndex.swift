public import StateMachine

/// The branches of an index's patterns, filed for matching; patterns are known by number.
@usableFromInline final class BranchIndex: Sendable {
    /// A branch, the pattern it belongs to, its conditions' field numbers and the condition it is filed under.
    struct Entry {
        let owner: Int
        let branch: PatternBranch
        let fields: [Int32]
        let anchor: Int?
    }

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

    @usableFromInline convenience init() {
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
    @usableFromInline func adding(_ pattern: EventPattern, owner: Int) -> BranchIndex {
        var branches = branches
        var fields = fields
        var anchors = anchors
        var anchorPositions = anchorPositions
        var unfiled = unfiled
        for branch in pattern.branches {
            let number = branches.count
            let numbers = branch.conditions.map { fields.number(of: $0.path) }
            guard let (condition, values) = Self.anchor(of: branch, fields: numbers, anchors: anchors, positions: anchorPositions) else {
                branches.append(Entry(owner: owner, branch: branch, fields: numbers, anchor: nil))
                unfiled.append(number)
                continue
            }
            branches.append(Entry(owner: owner, branch: branch, fields: numbers, anchor: condition))
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
    @usableFromInline func owners(matching event: JSONValue) -> MatchedPatterns {
        tree.resolving(event) { resolved, event in
            var found = PatternsFound()
            var flattened: FlatEvent?
            for number in unfiled { check(number, resolved, event, anchorHolds: false, found: &found, flattened: &flattened) }
            for position in anchors.indices {
                for leaf in 0..<resolved.count where resolved[leaf].field == anchors[position].field {
                    guard let list = anchors[position].list(of: resolved[leaf].value) else { continue }
                    for index in anchors[position].lists[list].indices {
                        check(anchors[position].lists[list][index], resolved, event, anchorHolds: !resolved[leaf].inArray, found: &found, flattened: &flattened)
                    }
                }
            }
            return MatchedPatterns(found: found)
        }
    }

    /// Adds the branch's pattern to `found` when the branch matches; a pattern's branches come
    /// together, so one whose pattern was just found is not checked.
    /// - Parameter anchorHolds: whether the condition the branch is filed under holds on a value outside any array.
    private func check(
        _ number: Int, _ event: borrowing ResolvedEvent, _ original: JSONValue, anchorHolds: Bool, found: inout PatternsFound,
        flattened: inout FlatEvent?
    ) {
        let owner = branches[number].owner
        guard found.last != owner,
            branches[number].branch.matches(
                event, fields: branches[number].fields, original: original, flattened: &flattened, paths: paths,
                holding: anchorHolds ? branches[number].anchor : nil)
        else { return }
        found.append(owner)
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

