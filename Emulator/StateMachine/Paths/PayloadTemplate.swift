/// A compiled `Parameters`, `ResultSelector`, `ItemSelector` or `BatchInput` object.
///
/// Members whose key ends in `.$` are expressions; the rest are copied. Parts without any
/// expression are folded into one literal when the definition is read, so a constant payload
/// costs nothing per state entry.
indirect enum PayloadTemplate: Sendable {
    case literal(JSONValue)
    case expression(ValueExpression, field: String)
    case object([String: PayloadTemplate])
    case array([PayloadTemplate])

    /// - Parameters:
    ///   - value: the template as written in the definition.
    ///   - field: where it sits (`Parameters.Payload`), for error messages.
    init(compiling value: JSONValue, field: String) throws(ValueExpression.SyntaxError) {
        switch value {
        case .object(let members):
            var compiled: [String: PayloadTemplate] = [:]
            for (key, member) in members {
                if key.hasSuffix(".$") {
                    let name = String(key.dropLast(2))
                    guard case .string(let text) = member else {
                        throw ValueExpression.SyntaxError(message: "'\(field).\(key)' must be a string")
                    }
                    guard compiled[name] == nil, members[name] == nil else {
                        throw ValueExpression.SyntaxError(message: "'\(field)' has both '\(name)' and '\(key)'")
                    }
                    compiled[name] = .expression(try ValueExpression(parsing: text), field: key)
                } else {
                    compiled[key] = try PayloadTemplate(compiling: member, field: "\(field).\(key)")
                }
            }
            self = compiled.values.allSatisfy(\.isLiteral)
                ? .literal(.object(compiled.compactMapValues(\.literalValue))) : .object(compiled)
        case .array(let elements):
            var compiled: [PayloadTemplate] = []
            for (index, element) in elements.enumerated() {
                compiled.append(try PayloadTemplate(compiling: element, field: "\(field)[\(index)]"))
            }
            self = compiled.allSatisfy(\.isLiteral) ? .literal(value) : .array(compiled)
        default:
            self = .literal(value)
        }
    }

    func evaluate(in scope: PathScope) throws(StateFailure) -> JSONValue {
        switch self {
        case .literal(let value):
            return value
        case .expression(let expression, let field):
            return try expression.evaluate(in: scope, field: field)
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members { result[key] = try member.evaluate(in: scope) }
            return .object(result)
        case .array(let elements):
            var result: [JSONValue] = []
            for element in elements { result.append(try element.evaluate(in: scope)) }
            return .array(result)
        }
    }

    private var isLiteral: Bool { literalValue != nil }

    private var literalValue: JSONValue? {
        if case .literal(let value) = self { return value }
        return nil
    }
}
