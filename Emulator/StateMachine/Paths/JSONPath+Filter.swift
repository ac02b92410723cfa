/// Filter expressions, `[?(@.status == 0)]`: the elements of an array (or the values of an
/// object) for which a relative path exists, or compares with a literal by `==`, `!=`, `<`, `<=`,
/// `>` or `>=`, as Jayway evaluates them. Numbers compare with numbers and strings with strings;
/// any other pairing, or a missing value, matches only `!=`.
extension JSONPath {
    struct Filter: Sendable, Hashable {
        enum Operator: String, Sendable, Hashable, CaseIterable {
            case equal = "==", notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"
        }

        /// The path from `@`, the element under test.
        let segments: [Segment]
        /// nil: the element matches when the path exists.
        let comparison: (operator: Operator, literal: JSONValue)?

        static func == (lhs: Filter, rhs: Filter) -> Bool {
            lhs.segments == rhs.segments && lhs.comparison?.operator == rhs.comparison?.operator
                && lhs.comparison?.literal == rhs.comparison?.literal
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(segments)
            hasher.combine(comparison?.operator)
            hasher.combine(comparison?.literal)
        }

        func matches(_ element: JSONValue) -> Bool {
            let relative = JSONPath(text: "@", root: .input, segments: segments)
            guard let value = relative.select(from: element) else {
                // Jayway compares a missing value as undefined, which equals nothing.
                return comparison?.operator == .notEqual
            }
            guard let (op, literal) = comparison else { return true }
            switch op {
            case .equal: return value == literal
            case .notEqual: return value != literal
            default:
                let order: Bool?
                if let a = value.doubleValue, let b = literal.doubleValue {
                    order = op.holds(a, b)
                } else if let a = value.stringValue, let b = literal.stringValue {
                    order = op.holds(a, b)
                } else {
                    order = nil
                }
                return order ?? false
            }
        }

        /// Parses the text between `[?(` and `)]`.
        init(parsing body: Substring, in text: String) throws(SyntaxError) {
            let trimmed = body.trimmingSpaces
            let split = Self.operatorPosition(in: trimmed)
            let left = split.map { trimmed[..<$0.range.lowerBound].trimmingSpaces } ?? trimmed
            guard left.first == "@" else {
                throw SyntaxError(message: "a filter must test a path from '@' in '\(text)'")
            }
            segments = try JSONPath(parsing: "$" + left.dropFirst()).segments
            guard let split else {
                comparison = nil
                return
            }
            let right = trimmed[split.range.upperBound...].trimmingSpaces
            comparison = (split.operator, try Self.literal(right, in: text))
        }

        /// The first operator outside quotes.
        private static func operatorPosition(in body: Substring) -> (operator: Operator, range: Range<Substring.Index>)? {
            var quote: Character?
            var index = body.startIndex
            while index < body.endIndex {
                let character = body[index]
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "'" || character == "\"" {
                    quote = character
                } else if let op = Operator.allCases.first(where: { body[index...].hasPrefix($0.rawValue) }) {
                    return (op, index..<body.index(index, offsetBy: op.rawValue.count))
                }
                index = body.index(after: index)
            }
            return nil
        }

        private static func literal(_ text: Substring, in path: String) throws(SyntaxError) -> JSONValue {
            if text.count >= 2, text.first == "'", text.last == "'" { return .string(String(text.dropFirst().dropLast())) }
            guard let value = try? JSONValue(parsing: String(text)), value.arrayValue == nil, value.objectValue == nil else {
                throw SyntaxError(message: "invalid filter value '\(text)' in '\(path)'")
            }
            return value
        }
    }
}

extension JSONPath.Filter.Operator {
    func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
        switch self {
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        case .equal: a == b
        case .notEqual: a != b
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
