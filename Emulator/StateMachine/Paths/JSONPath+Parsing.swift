/// Compiling path text. Everything is checked once, when the definition is read, so a typo in a
/// path is a definition error rather than a failure halfway through an execution.
extension JSONPath {
    struct SyntaxError: Error, Sendable {
        var message: String
    }

    init(parsing text: String) throws(SyntaxError) {
        var scanner = Substring(text)
        guard scanner.hasPrefix("$") else { throw SyntaxError(message: "a path must start with '$'") }
        scanner.removeFirst()
        var root = Root.input
        if scanner.hasPrefix("$") {
            root = .context
            scanner.removeFirst()
        }
        var segments: [Segment] = []
        while let first = scanner.first {
            switch first {
            case ".":
                scanner.removeFirst()
                if scanner.hasPrefix(".") {
                    throw SyntaxError(message: "recursive descent '..' is not supported in '\(text)'")
                }
                segments.append(try Self.dotSegment(&scanner, in: text))
            case "[":
                scanner.removeFirst()
                segments.append(try Self.bracketSegment(&scanner, in: text))
            default:
                throw SyntaxError(message: "unexpected '\(first)' in '\(text)'")
            }
        }
        self.init(text: text, root: root, segments: segments)
    }

    private static func dotSegment(_ scanner: inout Substring, in text: String) throws(SyntaxError) -> Segment {
        let name = scanner.prefix { $0 != "." && $0 != "[" }
        scanner.removeFirst(name.count)
        guard !name.isEmpty else { throw SyntaxError(message: "empty field name in '\(text)'") }
        return name == "*" ? .wildcard : .field(String(name))
    }

    private static func bracketSegment(_ scanner: inout Substring, in text: String) throws(SyntaxError) -> Segment {
        if scanner.hasPrefix("?(") {
            guard let close = scanner.firstRange(of: ")]") else { throw SyntaxError(message: "missing ')]' in '\(text)'") }
            let filter = try Filter(parsing: scanner[scanner.index(scanner.startIndex, offsetBy: 2)..<close.lowerBound], in: text)
            scanner = scanner[close.upperBound...]
            return .filter(filter)
        }
        if scanner.hasPrefix("'") || scanner.hasPrefix("\"") {
            var names: [String] = []
            repeat {
                names.append(try quotedName(&scanner, in: text))
            } while consume(",", from: &scanner)
            guard consume("]", from: &scanner) else { throw SyntaxError(message: "expected ']' in '\(text)'") }
            return names.count == 1 ? .field(names[0]) : .fields(names)
        }
        guard let close = scanner.firstIndex(of: "]") else { throw SyntaxError(message: "missing ']' in '\(text)'") }
        let body = scanner[..<close].filter { $0 != " " }
        scanner = scanner[scanner.index(after: close)...]
        if body == "*" { return .wildcard }
        if body.contains(":") { return try sliceSegment(body, in: text) }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        let indices = parts.compactMap { Int($0) }
        guard !parts.isEmpty, indices.count == parts.count else {
            throw SyntaxError(message: "invalid index '[\(body)]' in '\(text)'")
        }
        return indices.count == 1 ? .index(indices[0]) : .indices(indices)
    }

    private static func sliceSegment(_ body: String, in text: String) throws(SyntaxError) -> Segment {
        let parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func bound(_ part: String) throws(SyntaxError) -> Int? {
            if part.isEmpty { return nil }
            guard let value = Int(part) else { throw SyntaxError(message: "invalid slice '[\(body)]' in '\(text)'") }
            return value
        }
        guard parts.count <= 3 else { throw SyntaxError(message: "invalid slice '[\(body)]' in '\(text)'") }
        let step = parts.count == 3 ? try bound(parts[2]) ?? 1 : 1
        guard step > 0 else { throw SyntaxError(message: "slice step must be positive in '\(text)'") }
        return .slice(start: try bound(parts[0]), end: try bound(parts[1]), step: step)
    }

    private static func quotedName(_ scanner: inout Substring, in text: String) throws(SyntaxError) -> String {
        guard let quote = scanner.first, quote == "'" || quote == "\"" else {
            throw SyntaxError(message: "expected a quoted name in '\(text)'")
        }
        scanner.removeFirst()
        var name = ""
        while let character = scanner.first {
            scanner.removeFirst()
            if character == "\\", let escaped = scanner.first {
                // The backslash stays in the name, as AWS keeps it: $['Test\"Name'] names `Test\"Name`.
                scanner.removeFirst()
                name.append(character)
                name.append(escaped)
            } else if character == quote {
                return name
            } else {
                name.append(character)
            }
        }
        throw SyntaxError(message: "unterminated quoted name in '\(text)'")
    }

    private static func consume(_ character: Character, from scanner: inout Substring) -> Bool {
        while scanner.first == " " { scanner.removeFirst() }
        guard scanner.first == character else { return false }
        scanner.removeFirst()
        while scanner.first == " " { scanner.removeFirst() }
        return true
    }
}
