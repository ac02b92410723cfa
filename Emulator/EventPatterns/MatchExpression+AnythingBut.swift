import StateMachine

/// `anything-but`: a string or number, a list of strings or of numbers, or one of
/// `{"prefix" | "suffix" | "equals-ignore-case" | "wildcard": string or list of strings}`.
extension MatchExpression {
    static func anythingBut(_ operand: JSONValue) throws(InvalidEventPatternError) -> AnythingBut {
        switch operand {
        case .object(let nested): return try modified(nested)
        case .array(let values): return try list(values)
        case .string(let text): return .strings([text])
        case .int, .double: return .numbers([try comparable(operand)])
        default: throw PatternCompiler.fault("Value of anything-but must be an array or single string/number value.")
        }
    }

    private static func list(_ values: [JSONValue]) throws(InvalidEventPatternError) -> AnythingBut {
        var strings: Set<String> = []
        var numbers: Set<ComparableNumber> = []
        for (index, value) in values.enumerated() {
            switch value {
            case .string(let text): strings.insert(text)
            case .int, .double:
                do throws(InvalidEventPatternError) {
                    numbers.insert(try comparable(value))
                } catch {
                    throw error.at([.index(index)])
                }
            default: throw PatternCompiler.fault("Inside anything but list, start|null|boolean is not supported.").at([.index(index)])
            }
        }
        guard strings.isEmpty != numbers.isEmpty else {
            throw PatternCompiler.fault("Inside anything but list, either all values are number or string, mixed type is not supported")
                .at([], .closing)
        }
        return strings.isEmpty ? .numbers(numbers) : .strings(strings)
    }

    private static func modified(_ nested: [String: JSONValue]) throws(InvalidEventPatternError) -> AnythingBut {
        guard let name = nested.keys.sorted().first else {
            throw PatternCompiler.fault("Anything-But expression name not found").at([], .closing)
        }
        let typeReason: String
        switch name {
        case "equals-ignore-case": typeReason = "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
        case "wildcard": typeReason = "wildcard match pattern must be a string"
        case "prefix", "suffix": typeReason = "prefix/suffix match pattern must be a string"
        default: throw PatternCompiler.fault("Unsupported anything-but pattern: \(name)").at([.key(name)])
        }
        let operand = nested[name]!
        let texts: [String]
        switch operand {
        case .string(let text): texts = [text]
        case .array(let values):
            var collected: [String] = []
            for (index, value) in values.enumerated() {
                guard case .string(let text) = value else { throw PatternCompiler.fault(typeReason).at([.key(name), .index(index)]) }
                collected.append(text)
            }
            texts = collected
        case .int, .double: throw PatternCompiler.fault(typeReason).at([.key(name)])
        default: throw PatternCompiler.fault("Value of anything-but must be an array or single string/number value.").at([.key(name)])
        }
        if name == "prefix" || name == "suffix", texts.contains(where: \.isEmpty) {
            throw PatternCompiler.fault("Null prefix/suffix not allowed").at([.key(name)])
        }
        if let other = nested.keys.sorted().dropFirst().first {
            throw PatternCompiler.fault("Too many elements in numeric expression").at([.key(other)])
        }
        switch name {
        case "equals-ignore-case": return .equalsIgnoringCase(Set(texts.map { $0.lowercased() }))
        case "prefix": return .prefixes(texts)
        case "suffix": return .suffixes(texts)
        default:
            var wildcards: [ValueWildcard] = []
            for text in texts {
                do throws(InvalidEventPatternError) {
                    wildcards.append(try ValueWildcard(text))
                } catch {
                    throw error.at([.key(name)])
                }
            }
            return .wildcards(wildcards)
        }
    }
}
