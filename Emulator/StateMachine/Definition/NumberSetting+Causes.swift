/// AWS's sentences for a number found through a `…Path` field that the field cannot take.
extension NumberSetting {
    func badValue(_ found: JSONValue, at path: JSONPath) -> StateFailure {
        let text = found.stringValue ?? found.serialized()
        let number = found.doubleValue
        let isInteger = number.map { $0.rounded() == $0 } ?? false
        switch field {
        case "SecondsPath" where !isInteger:
            return .runtime("The SecondsPath parameter cannot be parsed as a long value: \(path) == \(text)")
        case "SecondsPath" where number.map { $0 < 0 } ?? false:
            return .runtime("The SecondsPath parameter references a negative value: \(path) == \(text)")
        case "MaxConcurrencyPath" where !isInteger, "ToleratedFailureCountPath" where !isInteger:
            return .runtime("The \(field) field refers to value \"\(text)\" which is not a valid integer: \(path)")
        case "MaxConcurrencyPath" where number.map { $0 < 0 } ?? false:
            return .runtime("Expected non-negative integer for MaxConcurrency, got '\(text)' instead.")
        case "ToleratedFailureCountPath" where number.map { $0 < 0 } ?? false:
            return .runtime("ToleratedFailureCount cannot be negative.")
        case "ToleratedFailurePercentagePath" where number == nil:
            return .runtime("The ToleratedFailurePercentagePath field refers to value \"\(text)\" which is not a valid float: \(path)")
        case "ToleratedFailurePercentagePath":
            return .runtime("ToleratedFailurePercentage must be between 0 and 100.")
        default:
            return .runtime("The value \(found) at '\(path)' for '\(field)' must be \(Self.describe(range, integral))")
        }
    }
}
