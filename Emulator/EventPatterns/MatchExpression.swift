import StateMachine

/// A match expression (`{"prefix": "a"}`, `{"numeric": [">", 0]}`, …) compiled to a matcher, with
/// event-ruler's reasons for the ones EventBridge refuses.
enum MatchExpression {
    static func compile(_ expression: [String: JSONValue]) throws(InvalidEventPatternError) -> ValueMatcher {
        guard let name = expression.keys.sorted().first, let operand = expression[name] else {
            throw PatternCompiler.fault("Match expression name not found").at([], .closing)
        }
        let matcher: ValueMatcher
        do throws(InvalidEventPatternError) {
            matcher = try compile(name, operand)
        } catch {
            throw error.within(.key(name))
        }
        if let other = expression.keys.sorted().dropFirst().first {
            let tooMany = name == "numeric" || name == "anything-but"
            throw PatternCompiler.fault(tooMany ? "Too many elements in numeric expression" : "Only one key allowed in match expression")
                .at([.key(other)])
        }
        return matcher
    }

    /// The matcher `name` makes of `operand`; faults are placed relative to the operand.
    private static func compile(_ name: String, _ operand: JSONValue) throws(InvalidEventPatternError) -> ValueMatcher {
        let matcher: ValueMatcher
        switch name {
        case "exactly": matcher = .string(try string(operand, "exact match pattern must be a string"))
        case "prefix": matcher = try affix(operand, name: "prefix")
        case "suffix": matcher = try affix(operand, name: "suffix")
        case "equals-ignore-case":
            matcher = .equalsIgnoringCase(try string(operand, "equals-ignore-case match pattern must be a string").lowercased())
        case "wildcard": matcher = .wildcard(try ValueWildcard(try string(operand, "wildcard match pattern must be a string")))
        case "exists":
            guard case .bool(let present) = operand else {
                throw PatternCompiler.fault("exists match pattern must be either true or false.")
            }
            matcher = .exists(present)
        case "cidr": matcher = .cidr(try IPRange(cidr: try string(operand, "prefix match pattern must be a string")))
        case "numeric": matcher = .numeric(try numeric(operand))
        case "anything-but": matcher = .anythingBut(try anythingBut(operand))
        default: throw PatternCompiler.fault("Unrecognized match type \(name)")
        }
        return matcher
    }

    static func string(_ operand: JSONValue, _ reason: String) throws(InvalidEventPatternError) -> String {
        guard case .string(let text) = operand else { throw PatternCompiler.fault(reason) }
        return text
    }

    /// `prefix` and `suffix`, with a string or `{"equals-ignore-case": string}`.
    private static func affix(_ operand: JSONValue, name: String) throws(InvalidEventPatternError) -> ValueMatcher {
        let isPrefix = name == "prefix"
        if case .object(let nested) = operand {
            let capitalised = isPrefix ? "Prefix" : "Suffix"
            guard let key = nested.keys.sorted().first else {
                throw PatternCompiler.fault("\(capitalised) expression name not found").at([], .closing)
            }
            guard key == "equals-ignore-case" else { throw PatternCompiler.fault("Unsupported \(name) pattern: \(key)").at([.key(key)]) }
            let text: String
            do throws(InvalidEventPatternError) {
                text = try string(nested[key]!, "equals-ignore-case match pattern must be a string").lowercased()
            } catch {
                throw error.within(.key(key))
            }
            if let other = nested.keys.sorted().dropFirst().first {
                throw PatternCompiler.fault("Only one key allowed in match expression").at([.key(other)])
            }
            return isPrefix ? .prefixIgnoringCase(text) : .suffixIgnoringCase(text)
        }
        let text = try string(operand, "\(name) match pattern must be a string")
        return isPrefix ? .prefix(text) : .suffix(text)
    }

    /// The number a pattern holds, or event-ruler's reason it cannot be compared.
    static func comparable(_ value: JSONValue) throws(InvalidEventPatternError) -> ComparableNumber {
        do {
            return try ComparableNumber.make(value)
        } catch {
            throw PatternCompiler.fault(error.reason)
        }
    }

    /// How event-ruler names a token in its reasons.
    static func tokenText(_ value: JSONValue?) -> String {
        switch value {
        case nil: "]"
        case .array: "["
        case .object: "{"
        case .string(let text): text
        case let value?: value.serialized()
        }
    }
}
