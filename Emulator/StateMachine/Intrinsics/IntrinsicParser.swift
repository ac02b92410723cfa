/// Reads an intrinsic invocation from the text of a `.$` field.
///
/// Arguments are quoted strings (`'...'` with the escapes `\'`, `\{`, `\}`, `\\`), numbers, `true`,
/// `false`, `null`, paths (`$.a`, `$$.Execution.Id`) and nested calls.
struct IntrinsicParser {
    struct SyntaxError: Error, Sendable {
        var message: String
    }

    private let text: String
    private var rest: Substring

    init(_ text: String) {
        self.text = text
        rest = Substring(text)
    }

    static func parse(_ text: String) throws(SyntaxError) -> IntrinsicCall {
        var parser = IntrinsicParser(text)
        let call = try parser.call()
        parser.skipSpaces()
        guard parser.rest.isEmpty else { throw parser.error("unexpected text after the call") }
        return call
    }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(message: "\(message) in '\(text)'")
    }

    private mutating func skipSpaces() {
        while rest.first == " " { rest.removeFirst() }
    }

    private mutating func call() throws(SyntaxError) -> IntrinsicCall {
        skipSpaces()
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "." }
        guard let function = IntrinsicFunction(rawValue: String(name)) else {
            throw error("unknown intrinsic function '\(name)'")
        }
        rest.removeFirst(name.count)
        skipSpaces()
        guard rest.first == "(" else { throw error("expected '(' after \(name)") }
        rest.removeFirst()
        var arguments: [IntrinsicArgument] = []
        skipSpaces()
        if rest.first == ")" {
            rest.removeFirst()
        } else {
            while true {
                arguments.append(try argument())
                skipSpaces()
                guard let separator = rest.first else { throw error("missing ')'") }
                rest.removeFirst()
                if separator == ")" { break }
                guard separator == "," else { throw error("expected ',' or ')'") }
            }
        }
        guard function.arity.contains(arguments.count) else {
            throw error("\(function.rawValue) takes \(function.arityDescription), not \(arguments.count)")
        }
        return IntrinsicCall(function: function, arguments: arguments)
    }

    private mutating func argument() throws(SyntaxError) -> IntrinsicArgument {
        skipSpaces()
        guard let first = rest.first else { throw error("missing argument") }
        if first == "'" { return .text(try quoted()) }
        if first == "$" { return .path(try path()) }
        if rest.hasPrefix("States.") { return .call(try call()) }
        let token = rest.prefix { $0 != "," && $0 != ")" && $0 != " " }
        rest.removeFirst(token.count)
        switch token {
        case "null": return .literal(.null)
        case "true": return .literal(.bool(true))
        case "false": return .literal(.bool(false))
        default:
            guard let number = try? JSONValue(parsing: String(token)), number.isNumber else {
                throw error("invalid argument '\(token)'")
            }
            return .literal(number)
        }
    }

    /// A path runs to the next top-level ',' or ')'; brackets and quotes inside it are skipped.
    private mutating func path() throws(SyntaxError) -> JSONPath {
        var depth = 0
        var quote: Character?
        var end = rest.startIndex
        scan: while end < rest.endIndex {
            let character = rest[end]
            if let open = quote {
                if character == open { quote = nil }
            } else {
                switch character {
                case "'", "\"": quote = character
                case "[": depth += 1
                case "]": depth -= 1
                case ",", ")", " ":
                    if depth == 0 { break scan }
                default: break
                }
            }
            end = rest.index(after: end)
        }
        let pathText = String(rest[..<end])
        rest = rest[end...]
        do {
            return try JSONPath(parsing: pathText)
        } catch {
            throw self.error(error.message)
        }
    }

    private mutating func quoted() throws(SyntaxError) -> IntrinsicString {
        rest.removeFirst()
        var value = ""
        var pieces = [""]
        while let character = rest.first {
            rest.removeFirst()
            switch character {
            case "\\":
                guard let escaped = rest.first, "'{}\\".contains(escaped) else {
                    throw error("open escape '\\' in a string argument")
                }
                rest.removeFirst()
                value.append(escaped)
                pieces[pieces.count - 1].append(escaped)
            case "'":
                return IntrinsicString(value: value, pieces: pieces)
            case "{" where rest.first == "}":
                rest.removeFirst()
                value += "{}"
                pieces.append("")
            default:
                value.append(character)
                pieces[pieces.count - 1].append(character)
            }
        }
        throw error("unterminated string argument")
    }
}
