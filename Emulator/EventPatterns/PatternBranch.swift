import StateMachine

/// One way a pattern can match: every field condition holds, each on a leaf, and the leaves chosen
/// lie within the same element of any array they share.
struct PatternBranch: Sendable {
    let conditions: [FieldCondition]

    /// Whether the event matches, read from its values at each field; `fields` numbers the
    /// conditions' fields as `event` was resolved. `flattened` is the event flattened for
    /// `paths`, made (once, for all branches) only when the answer depends on which array
    /// elements the fields' values lie in.
    /// - Parameter holding: a condition already known to hold on a value outside any array, not read again.
    func matches(
        _ event: borrowing ResolvedEvent, fields: [Int32], original: JSONValue, flattened: inout FlatEvent?, paths: Set<String>,
        holding: Int? = nil
    ) -> Bool {
        var inArraysOnly = 0
        for index in conditions.indices where index != holding {
            switch conditions[index].holds(in: event, at: fields[index]) {
            case .outsideArrays: continue
            case .insideArraysOnly: inArraysOnly += 1
            case .nowhere: return false
            }
        }
        // Two fields held only inside arrays: whether one element holds both is for the flattened event.
        guard inArraysOnly > 1 else { return true }
        if flattened == nil { flattened = FlatEvent(original, keeping: paths) }
        return matches(flattened!)
    }

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

    @inline(__always) func admits(_ value: LeafValue) -> Bool {
        for index in matchers.indices where matchers[index].admits(value) { return true }
        return false
    }

    /// Where the condition holds among the event's leaves at `field` (its number in `event`).
    @inline(__always) func holds(in event: borrowing ResolvedEvent, at field: Int32) -> Holding {
        var present = false
        var admittedInArray = false
        for index in 0..<event.count where event[index].field == field {
            present = true
            if !event[index].inArray {
                if admits(event[index].value) { return .outsideArrays }
            } else if !admittedInArray, admits(event[index].value) {
                admittedInArray = true
            }
        }
        guard present else { return admitsAbsence ? .outsideArrays : .nowhere }
        return admittedInArray ? .insideArraysOnly : .nowhere
    }

    /// Where a condition holds on an event.
    enum Holding {
        /// On a leaf outside every array, or on the field's absence: whatever the other fields hold on.
        case outsideArrays
        /// Only on leaves inside arrays: the other fields must hold within the same elements.
        case insideArraysOnly
        case nowhere
    }

    var admitsAbsence: Bool {
        matchers.contains { $0.admitsAbsence }
    }
}
