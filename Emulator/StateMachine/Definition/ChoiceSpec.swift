/// A Choice state's rules and its fallback.
struct ChoiceSpec: Sendable {
    struct Rule: Sendable {
        let condition: ChoiceCondition
        let next: String
    }

    let rules: [Rule]
    let defaultNext: String?

    init(reader: FieldReader) throws(DefinitionError) {
        guard let choices = try reader.array("Choices"), !choices.isEmpty else {
            throw reader.error("Choices", "is required and must hold at least one rule")
        }
        var rules: [Rule] = []
        for (index, choice) in choices.enumerated() {
            let rule = try FieldReader(choice, stateName: reader.stateName, field: "Choices[\(index)]")
            let condition = try ChoiceCondition(reader: rule, isTopLevel: true)
            rules.append(Rule(condition: condition, next: try rule.requiredString("Next")))
        }
        self.rules = rules
        defaultNext = try reader.string("Default")
    }
}
