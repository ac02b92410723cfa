import StateMachine

/// `numeric`: `["=", n]`, `[">", n]`, `[">=", n]`, `["<", n]`, `["<=", n]`, or a lower bound followed by
/// an upper one (`[">", 0, "<=", 5]`).
extension MatchExpression {
    static func numeric(_ operand: JSONValue) throws(InvalidEventPatternError) -> NumericRange {
        guard case .array(let terms) = operand else { throw PatternCompiler.fault("Value of numeric must be an array.") }
        guard case .string(let operation)? = terms.first else {
            throw PatternCompiler.fault("Invalid member in numeric match: \(tokenText(terms.first))").at(term(0, of: terms), edge(0, of: terms))
        }
        do throws(InvalidEventPatternError) {
            return try range(operation, terms: terms)
        } catch {
            // A number EventBridge cannot compare, or a range upside down: found once the array was read.
            throw error.isPlaced ? error : error.at([], .closing)
        }
    }

    /// The range `terms` give, `operation` being their first.
    private static func range(_ operation: String, terms: [JSONValue]) throws(InvalidEventPatternError) -> NumericRange {
        let value: JSONValue? = terms.count > 1 ? terms[1] : nil
        func number(named name: String) throws(InvalidEventPatternError) -> JSONValue {
            guard let value, value.isNumber else {
                throw PatternCompiler.fault("Value of \(name) must be numeric").at(term(1, of: terms), edge(1, of: terms))
            }
            return value
        }
        switch operation {
        case "=":
            let equal = try number(named: "equals")
            guard terms.count == 2 else { throw PatternCompiler.fault("Too many elements in numeric expression").at([.index(2)]) }
            return .equal(to: try comparable(equal))
        case ">", ">=":
            let bound = try number(named: operation)
            guard terms.count > 2 else {
                return NumericRange(
                    lowest: try comparable(bound), lowestIncluded: operation == ">=", highest: .maximum, highestIncluded: true)
            }
            return try range(from: bound, included: operation == ">=", rest: Array(terms.dropFirst(2)))
        case "<", "<=":
            let bound = try number(named: operation)
            guard terms.count == 2 else { throw PatternCompiler.fault("Too many elements in numeric expression").at([.index(2)]) }
            return NumericRange(
                lowest: .minimum, lowestIncluded: true, highest: try comparable(bound), highestIncluded: operation == "<=")
        default:
            throw PatternCompiler.fault("Unrecognized numeric range operator: \(operation)").at(term(1, of: terms), edge(1, of: terms))
        }
    }

    /// The upper half of a two-sided range.
    private static func range(
        from lower: JSONValue, included lowerIncluded: Bool, rest: [JSONValue]
    ) throws(InvalidEventPatternError) -> NumericRange {
        guard case .string(let operation) = rest[0] else {
            throw PatternCompiler.fault("Bad value in numeric range: \(tokenText(rest[0]))").at([.index(2)])
        }
        guard operation == "<" || operation == "<=" else { throw PatternCompiler.fault("Bad numeric range operator: \(operation)").at([.index(2)]) }
        guard rest.count > 1, rest[1].isNumber else {
            throw PatternCompiler.fault("Value of \(operation) must be numeric").at(rest.count > 1 ? [.index(3)] : [], rest.count > 1 ? .opening : .closing)
        }
        guard rest.count == 2 else { throw PatternCompiler.fault("Too many terms in numeric range expression").at([.index(4)]) }
        let lowest = try comparable(lower)
        let highest = try comparable(rest[1])
        guard lowest < highest else { throw PatternCompiler.fault("Bottom must be less than top") }
        return NumericRange(lowest: lowest, lowestIncluded: lowerIncluded, highest: highest, highestIncluded: operation == "<=")
    }

    /// Where term `index` is, or the array's end when there are fewer terms.
    private static func term(_ index: Int, of terms: [JSONValue]) -> [JSONPathStep] {
        index < terms.count ? [.index(index)] : []
    }

    private static func edge(_ index: Int, of terms: [JSONValue]) -> InvalidEventPatternError.Edge {
        index < terms.count ? .opening : .closing
    }
}
