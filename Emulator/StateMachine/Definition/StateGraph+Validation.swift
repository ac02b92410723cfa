/// Graph-wide checks: every transition lands on a state of the same graph, and every state can
/// be reached from `StartAt`, as AWS requires.
extension StateGraph {
    func validateTransitions(reader: FieldReader, location: String?) throws(DefinitionError) {
        guard states[startAt] != nil else {
            throw reader.error("StartAt", "names '\(startAt)', which is not one of the States")
        }
        for state in states.values.sorted(by: { $0.name < $1.name }) {
            let stateName = location.map { "\($0)/\(state.name)" } ?? state.name
            for (field, target) in Self.transitions(of: state) where states[target] == nil {
                throw DefinitionError(
                    stateName: stateName, field: field, message: "names '\(target)', which is not a state of this machine")
            }
        }
        var reached: Set<String> = [startAt]
        var pending = [startAt]
        while let name = pending.popLast() {
            guard let state = states[name] else { continue }
            for (_, target) in Self.transitions(of: state) where reached.insert(target).inserted {
                pending.append(target)
            }
        }
        if let unreachable = states.keys.sorted().first(where: { !reached.contains($0) }) {
            throw DefinitionError(
                stateName: location.map { "\($0)/\(unreachable)" } ?? unreachable, field: "Type",
                message: "the state cannot be reached from StartAt '\(startAt)'")
        }
    }

    /// Every state this one can move to, with the field that says so.
    private static func transitions(of state: State) -> [(field: String, target: String)] {
        var targets: [(String, String)] = []
        if let next = state.next { targets.append(("Next", next)) }
        if case .choice(let choice) = state.kind {
            for (index, rule) in choice.rules.enumerated() { targets.append(("Choices[\(index)].Next", rule.next)) }
            if let fallback = choice.defaultNext { targets.append(("Default", fallback)) }
        }
        for (index, catcher) in state.catchers.enumerated() { targets.append(("Catch[\(index)].Next", catcher.next)) }
        return targets
    }
}
