import Timestamps

/// Deciding a rule against the state's (InputPath-filtered) input.
extension ChoiceCondition {
    func evaluate(in scope: PathScope) throws(StateFailure) -> Bool {
        switch self {
        case .and(let conditions):
            for condition in conditions {
                if try !condition.evaluate(in: scope) { return false }
            }
            return true
        case .or(let conditions):
            for condition in conditions {
                if try condition.evaluate(in: scope) { return true }
            }
            return false
        case .not(let condition):
            return try !condition.evaluate(in: scope)
        case .comparison(let variable, let chosen, let operand):
            let value = scope.lookup(variable)
            let expected: JSONValue
            switch operand {
            case .value(let literal): expected = literal
            case .path(let path):
                guard let found = scope.lookup(path) else { throw Self.invalidPath(path) }
                expected = found
            }
            if case .test(.isPresent) = chosen.form { return (value != nil) == expected.boolValue }
            // AWS fails the execution, rather than answering false, when the Variable is missing.
            guard let value else { throw Self.invalidPath(variable) }
            return Self.holds(chosen.form, value, expected)
        }
    }

    private static func invalidPath(_ path: JSONPath) -> StateFailure {
        .runtime("Invalid path '\(path)': The choice state's condition path references an invalid value.")
    }

    /// Values of the wrong type never match: `StringEquals` against a number is simply false.
    private static func holds(_ form: ChoiceOperator.Form, _ value: JSONValue, _ expected: JSONValue) -> Bool {
        switch form {
        case .test(let test):
            return typeTest(test, value) == expected.boolValue
        case .matches:
            guard case .string(let text) = value, case .string(let pattern) = expected else { return false }
            return WildcardPattern(pattern).matches(text)
        case .compare(.boolean, _):
            guard case .bool(let actual) = value, case .bool(let wanted) = expected else { return false }
            return actual == wanted
        case .compare(.string, let relation):
            guard case .string(let actual) = value, case .string(let wanted) = expected else { return false }
            return relation.holds(ordering(Array(actual.utf16), Array(wanted.utf16)))
        case .compare(.numeric, let relation):
            if case .int(let actual) = value, case .int(let wanted) = expected {
                return relation.holds(ordering(actual, wanted))
            }
            guard let actual = value.doubleValue, let wanted = expected.doubleValue else { return false }
            return relation.holds(ordering(actual, wanted))
        case .compare(.timestamp, let relation):
            guard let actual = value.stringValue.flatMap(ISO8601Timestamp.parse),
                let wanted = expected.stringValue.flatMap(ISO8601Timestamp.parse)
            else { return false }
            return relation.holds(ordering(actual, wanted))
        }
    }

    private static func typeTest(_ test: ChoiceOperator.Test, _ value: JSONValue) -> Bool {
        switch test {
        case .isNull: value == .null
        case .isPresent: true
        case .isNumeric: value.isNumber
        case .isString: value.stringValue != nil
        case .isBoolean: value.boolValue != nil
        case .isTimestamp: value.stringValue.flatMap(ISO8601Timestamp.parse) != nil
        }
    }

    private static func ordering<T: Comparable>(_ lhs: T, _ rhs: T) -> Int {
        lhs < rhs ? -1 : (lhs == rhs ? 0 : 1)
    }

    /// Strings order by UTF-16 code units, as Java's `compareTo` (and so AWS) orders them.
    private static func ordering(_ lhs: [UInt16], _ rhs: [UInt16]) -> Int {
        lhs == rhs ? 0 : (lhs.lexicographicallyPrecedes(rhs) ? -1 : 1)
    }
}

extension ChoiceOperator.Relation {
    func holds(_ ordering: Int) -> Bool {
        switch self {
        case .equals: ordering == 0
        case .lessThan: ordering < 0
        case .greaterThan: ordering > 0
        case .lessThanEquals: ordering <= 0
        case .greaterThanEquals: ordering >= 0
        }
    }
}
