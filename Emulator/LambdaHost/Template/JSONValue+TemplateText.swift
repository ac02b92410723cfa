import StateMachine

extension JSONValue {
    /// A resolved template scalar as the text an API attribute or an environment variable wants:
    /// templates write numbers and booleans either bare or quoted (`300`, `'300'`, `true`).
    var templateText: String? {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        default: nil
        }
    }

    /// Any scalar as text, fractional numbers included (`1.5`), as CloudFormation turns a
    /// parameter's default or a list item into a string.
    var scalarText: String? {
        if let text = templateText { return text }
        if case .double(let number) = self { return integerValue.map(String.init) ?? String(number) }
        return nil
    }
}
