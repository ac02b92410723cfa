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
}
