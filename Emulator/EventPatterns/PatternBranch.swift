import StateMachine

/// One way a pattern can match: every field condition holds, each on a leaf, and the leaves chosen
/// lie within the same element of any array they share.
struct PatternBranch: Sendable {
    let conditions: [FieldCondition]

    /// Whether an event flattened for (at least) this branch's paths matches.
    func matches(_ event: FlatEvent) -> Bool {
        var constrained: [[Leaf]] = []
        for condition in conditions {
            let leaves = event.leaves[condition.path.text] ?? []
            if leaves.isEmpty {
                guard condition.admitsAbsence else { return false }
                continue
            }
            let admitted = leaves.filter { condition.admits($0.value) }
            if admitted.isEmpty { return false }
            // A leaf outside every array agrees with any choice for the other fields.
            if admitted.contains(where: { $0.arrays.isEmpty }) { continue }
            constrained.append(admitted)
        }
        guard constrained.count > 1 else { return true }
        return Self.choose(from: constrained.sorted { $0.count < $1.count }, chosen: [])
    }

    /// Picks one leaf per field so that all are pairwise compatible, backtracking.
    private static func choose(from remaining: ArraySlice<[Leaf]>, chosen: [Leaf]) -> Bool {
        guard let candidates = remaining.first else { return true }
        for leaf in candidates where chosen.allSatisfy({ $0.isCompatible(with: leaf) }) {
            if choose(from: remaining.dropFirst(), chosen: chosen + [leaf]) { return true }
        }
        return false
    }

    private static func choose(from remaining: [[Leaf]], chosen: [Leaf]) -> Bool {
        choose(from: remaining[...], chosen: chosen)
    }
}

/// A field's condition: the leaves at `path` must include one that a matcher admits. A class, so
/// that matching reads it in place instead of copying its path and matchers.
final class FieldCondition: Sendable {
    let path: FieldPath
    let matchers: [ValueMatcher]

    init(path: FieldPath, matchers: [ValueMatcher]) {
        self.path = path
        self.matchers = matchers
    }

    func admits(_ value: LeafValue) -> Bool {
        for index in matchers.indices where matchers[index].admits(value) { return true }
        return false
    }

    var admitsAbsence: Bool {
        matchers.contains { $0.admitsAbsence }
    }
}
