/// Every branch's conditions laid out flat for matching: a branch's conditions, a condition's field
/// and its matchers are found by number in arrays, and an exact string (the usual matcher) is
/// compared where it lies.
///
/// This is what lets matching copy nothing: Swift copies (retains) a value it reads out of an
/// array before handing it to a function, so the check reads numbers, compares strings in place,
/// and hands the rarer matchers to ``ValueMatcher/admits(_:)`` by position.
struct ConditionTable: Sendable {
    /// Branch `b`'s conditions are `conditionStarts[b]..<conditionStarts[b + 1]`.
    private var conditionStarts = [0]
    /// By condition: the field it reads, as the event is resolved.
    private var fields: [Int32] = []
    /// By condition: whether it holds on an event without the field.
    private var admitsAbsence: [Bool] = []
    /// Condition `c`'s matchers are `matcherStarts[c]..<matcherStarts[c + 1]`.
    private var matcherStarts = [0]
    private var matchers: [ValueMatcher] = []

    /// Adds the next branch, whose conditions read `fields`.
    mutating func append(_ branch: PatternBranch, fields: [Int32]) {
        for (condition, field) in zip(branch.conditions, fields) {
            self.fields.append(field)
            admitsAbsence.append(condition.admitsAbsence)
            matchers += condition.matchers
            matcherStarts.append(matchers.count)
        }
        conditionStarts.append(self.fields.count)
    }

    /// How branch `branch` fares on the event.
    /// - Parameter skipped: the branch's condition (counted from its first) already known to hold
    ///   on a value outside any array, or nil.
    @inline(__always) func outcome(of branch: Int, in event: borrowing ResolvedEvent, skipping skipped: Int?) -> BranchOutcome {
        let first = conditionStarts[branch]
        var inArraysOnly = 0
        for condition in first..<conditionStarts[branch + 1] where condition - first != skipped {
            switch holding(condition, in: event) {
            case .outsideArrays: continue
            case .insideArraysOnly: inArraysOnly += 1
            case .nowhere: return .fails
            }
        }
        return inArraysOnly > 1 ? .holdsIfOneElementHoldsAll : .holds
    }

    /// Where condition `condition` holds among the event's leaves at its field.
    @inline(__always) private func holding(_ condition: Int, in event: borrowing ResolvedEvent) -> Holding {
        let field = fields[condition]
        var present = false
        var admittedInArray = false
        for leaf in 0..<event.count where event[leaf].field == field {
            present = true
            if !event[leaf].inArray {
                if admits(condition, event, leaf) { return .outsideArrays }
            } else if !admittedInArray, admits(condition, event, leaf) {
                admittedInArray = true
            }
        }
        guard present else { return admitsAbsence[condition] ? .outsideArrays : .nowhere }
        return admittedInArray ? .insideArraysOnly : .nowhere
    }

    @inline(__always) private func admits(_ condition: Int, _ event: borrowing ResolvedEvent, _ leaf: Int) -> Bool {
        for matcher in matcherStarts[condition]..<matcherStarts[condition + 1] {
            if case .string(let expected) = matchers[matcher] {
                if case .string(let text) = event[leaf].value, expected == text { return true }
            } else if admits(matcher: matcher, event, leaf) {
                return true
            }
        }
        return false
    }

    /// Every other matcher, kept out of line so that the check of exact strings stays small.
    @inline(never) private func admits(matcher: Int, _ event: borrowing ResolvedEvent, _ leaf: Int) -> Bool {
        matchers[matcher].admits(event[leaf].value)
    }

    /// Where a condition holds on an event.
    private enum Holding {
        /// On a leaf outside every array, or on the field's absence: whatever the other fields hold on.
        case outsideArrays
        /// Only on leaves inside arrays: the other fields must hold within the same elements.
        case insideArraysOnly
        case nowhere
    }
}

/// How a branch fares on an event, read from its values at each field.
enum BranchOutcome {
    case fails
    case holds
    /// Two fields or more hold only inside arrays: the branch holds if one element holds them all,
    /// which the flattened event answers (``PatternBranch/matches(_:)``).
    case holdsIfOneElementHoldsAll
}
