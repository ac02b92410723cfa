import Timestamps

/// A Choice rule's condition: a comparison of the `Variable` or a Boolean combination.
indirect enum ChoiceCondition: Sendable {
    enum Operand: Sendable {
        case value(JSONValue)
        case path(JSONPath)
    }

    case and([ChoiceCondition])
    case or([ChoiceCondition])
    case not(ChoiceCondition)
    case comparison(variable: JSONPath, ChoiceOperator, Operand)

    /// Reads one rule. `isTopLevel` rules carry `Next`; nested ones (inside And/Or/Not) must not.
    init(reader: FieldReader, isTopLevel: Bool) throws(DefinitionError) {
        let structural: Set<String> = ["Variable", "Next", "Comment", "And", "Or", "Not"]
        let operators = reader.members.keys.filter { !structural.contains($0) }.sorted()
        let combinators = ["And", "Or", "Not"].filter(reader.has)
        guard operators.count + combinators.count == 1 else {
            let found = (combinators + operators).joined(separator: ", ")
            throw reader.error("", "a rule needs exactly one comparison operator or And/Or/Not, found [\(found)]")
        }
        if !isTopLevel, reader.has("Next") { throw reader.error("Next", "is only allowed on top-level rules") }
        if let combinator = combinators.first {
            if reader.has("Variable") { throw reader.error("Variable", "cannot be combined with \(combinator)") }
            self = try Self.combination(combinator, reader: reader)
            return
        }
        guard let chosen = ChoiceOperator.all[operators[0]] else {
            throw reader.error(operators[0], "is not a Choice comparison operator")
        }
        guard let variable = try reader.path("Variable") else { throw reader.error("Variable", "is required") }
        self = .comparison(variable: variable, chosen, try Self.operand(of: chosen, reader: reader))
    }

    private static func combination(_ combinator: String, reader: FieldReader) throws(DefinitionError) -> ChoiceCondition {
        if combinator == "Not" {
            guard let inner = try reader.nested("Not") else { throw reader.error("Not", "is required") }
            return .not(try ChoiceCondition(reader: inner, isTopLevel: false))
        }
        guard let rules = try reader.array(combinator), !rules.isEmpty else {
            throw reader.error(combinator, "must be a non-empty array of rules")
        }
        var conditions: [ChoiceCondition] = []
        for (index, rule) in rules.enumerated() {
            let inner = try FieldReader(rule, stateName: reader.stateName, field: "\(reader.prefix)\(combinator)[\(index)]")
            conditions.append(try ChoiceCondition(reader: inner, isTopLevel: false))
        }
        return combinator == "And" ? .and(conditions) : .or(conditions)
    }

    /// The operand, type-checked against the operator now rather than at every evaluation.
    private static func operand(of chosen: ChoiceOperator, reader: FieldReader) throws(DefinitionError) -> Operand {
        if chosen.operandIsPath {
            guard let path = try reader.path(chosen.name) else { throw reader.error(chosen.name, "is required") }
            return .path(path)
        }
        let value = reader.members[chosen.name] ?? .null
        let valid: Bool
        switch chosen.form {
        case .compare(.string, _), .matches: valid = value.stringValue != nil
        case .compare(.numeric, _): valid = value.isNumber
        case .compare(.boolean, _), .test: valid = value.boolValue != nil
        case .compare(.timestamp, _): valid = value.stringValue.flatMap(ISO8601Timestamp.parse) != nil
        }
        guard valid else { throw reader.error(chosen.name, "has a value of the wrong type for this operator: \(value)") }
        return .value(value)
    }
}
