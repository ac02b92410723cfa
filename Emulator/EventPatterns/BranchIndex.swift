public import StateMachine

/// The branches of an index's patterns, filed for matching; patterns are known by number.
///
/// Immutable: adding a pattern makes a new index, so that matching reads everything in place
/// from `let`s of this one object and copies (retains) nothing but the event's leaves.
@usableFromInline final class BranchIndex: Sendable {
    /// Every pattern's branches, in the order added (one pattern's branches are consecutive).
    private let branches: [PatternBranch]
    /// By branch: the pattern it belongs to, and the condition (counted from its first) it is filed under, if any.
    private let owners: [Int]
    private let anchorConditions: [Int?]
    /// The branches' conditions, laid out for matching.
    private let conditions: ConditionTable
    /// Every field any pattern reads, numbered, and their tree: an event is resolved for all of them in one walk.
    private let fields: FieldTable
    private let tree: FieldTree
    /// The fields branches are filed under, each with its branches by exact value, and the
    /// branch numbers they file, each value's together.
    private let anchors: [Anchor]
    private let filed: [Int]
    /// Positions in `anchors` by field number.
    private let anchorPositions: [Int32: Int]
    /// Branches with no exact-value condition, checked against every event.
    private let unfiled: [Int]
    /// The paths any pattern names, with their prefixes: what an event is flattened for when a
    /// branch needs it flattened.
    private let paths: Set<String>

    @usableFromInline convenience init() {
        self.init(
            branches: [], owners: [], anchorConditions: [], conditions: ConditionTable(), fields: FieldTable(),
            anchors: [], anchorPositions: [:], unfiled: [], paths: [])
    }

    private init(
        branches: [PatternBranch], owners: [Int], anchorConditions: [Int?], conditions: ConditionTable,
        fields: FieldTable, anchors: [Anchor], anchorPositions: [Int32: Int], unfiled: [Int], paths: Set<String>
    ) {
        self.branches = branches
        self.owners = owners
        self.anchorConditions = anchorConditions
        self.conditions = conditions
        self.fields = fields
        tree = fields.tree
        var filed: [Int] = []
        self.anchors = anchors.map { anchor in anchor.laid(into: &filed) }
        self.filed = filed
        self.anchorPositions = anchorPositions
        self.unfiled = unfiled
        self.paths = paths
    }

    /// These branches and the pattern's.
    @usableFromInline func adding(_ pattern: EventPattern, owner: Int) -> BranchIndex {
        adding(pattern.branches, paths: pattern.paths, owner: owner)
    }

    /// These branches and a pattern's, given as its branches and the paths they name with their prefixes.
    func adding(_ newBranches: [PatternBranch], paths newPaths: Set<String>, owner: Int) -> BranchIndex {
        var branches = branches
        var owners = owners
        var anchorConditions = anchorConditions
        var conditions = conditions
        var fields = fields
        var anchors = anchors
        var anchorPositions = anchorPositions
        var unfiled = unfiled
        for branch in newBranches {
            let number = branches.count
            let numbers = branch.conditions.map { fields.number(of: $0.path) }
            branches.append(branch)
            owners.append(owner)
            conditions.append(branch, fields: numbers)
            guard let (condition, values) = Self.anchor(of: branch, fields: numbers, anchors: anchors, positions: anchorPositions) else {
                anchorConditions.append(nil)
                unfiled.append(number)
                continue
            }
            anchorConditions.append(condition)
            let field = numbers[condition]
            let position = anchorPositions[field] ?? anchors.count
            if position == anchors.count {
                anchorPositions[field] = position
                anchors.append(Anchor(field: field))
            }
            for value in values { anchors[position].file(number, under: value) }
        }
        return BranchIndex(
            branches: branches, owners: owners, anchorConditions: anchorConditions, conditions: conditions,
            fields: fields, anchors: anchors, anchorPositions: anchorPositions, unfiled: unfiled, paths: paths.union(newPaths))
    }

    /// The patterns the event matches.
    @usableFromInline func owners(matching event: JSONValue) -> MatchedPatterns {
        tree.resolving(event) { resolved, event in
            var found = MatchedPatterns.none
            var flattened: FlatEvent?
            for index in unfiled.indices {
                check(unfiled[index], resolved, event, anchorHolds: false, found: &found, flattened: &flattened)
            }
            for position in anchors.indices {
                let field = anchors[position].field
                for leaf in 0..<resolved.count where resolved[leaf].field == field {
                    guard let numbers = anchors[position].filed(under: resolved[leaf].value) else { continue }
                    let anchorHolds = !resolved[leaf].inArray
                    for index in numbers { check(filed[index], resolved, event, anchorHolds: anchorHolds, found: &found, flattened: &flattened) }
                }
            }
            return found.settled()
        }
    }

    /// Adds the branch's pattern to `found` when the branch matches; a pattern's branches come
    /// together, so one whose pattern was just found is not checked.
    /// - Parameter anchorHolds: whether the condition the branch is filed under holds on a value outside any array.
    private func check(
        _ number: Int, _ event: borrowing ResolvedEvent, _ original: JSONValue, anchorHolds: Bool, found: inout MatchedPatterns,
        flattened: inout FlatEvent?
    ) {
        let owner = owners[number]
        guard found.last != owner else { return }
        switch conditions.outcome(of: number, in: event, skipping: anchorHolds ? anchorConditions[number] : nil) {
        case .fails: return
        case .holds: break
        case .holdsIfOneElementHoldsAll:
            guard holdsInOneElement(number, original, flattened: &flattened) else { return }
        }
        found.append(owner)
    }

    /// Whether one element of the event's arrays holds all of the branch's fields that hold only
    /// inside arrays, read from the event flattened (once, for all branches). Rare, and out of line.
    @inline(never) private func holdsInOneElement(_ number: Int, _ original: JSONValue, flattened: inout FlatEvent?) -> Bool {
        if flattened == nil { flattened = FlatEvent(original, keeping: paths) }
        return branches[number].matches(flattened!)
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
            let crowd = values.reduce(values.count) { crowd, value in crowd + (anchor?.count(filedUnder: value) ?? 0) }
            if best == nil || crowd < best!.crowd { best = (index, values, crowd) }
        }
        return best.map { ($0.condition, $0.values) }
    }
}

