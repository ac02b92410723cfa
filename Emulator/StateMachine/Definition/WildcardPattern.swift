/// `StringMatches` patterns: `*` matches any run of characters (including none), `\*` a literal
/// star and `\\` a literal backslash. Nothing else is special.
struct WildcardPattern: Sendable {
    private enum Token: Equatable {
        case literal(Character)
        case any
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        var tokens: [Token] = []
        var escaping = false
        for character in pattern {
            if escaping {
                tokens.append(.literal(character))
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                tokens.append(character == "*" ? .any : .literal(character))
            }
        }
        if escaping { tokens.append(.literal("\\")) }
        self.tokens = tokens
    }

    /// Linear-time matching with one backtrack point: the most recent `*`.
    func matches(_ text: String) -> Bool {
        let characters = Array(text)
        var (textIndex, tokenIndex) = (0, 0)
        var lastStar: (token: Int, text: Int)?
        while textIndex < characters.count {
            if tokenIndex < tokens.count, tokens[tokenIndex] == .literal(characters[textIndex]) {
                textIndex += 1
                tokenIndex += 1
            } else if tokenIndex < tokens.count, tokens[tokenIndex] == .any {
                lastStar = (tokenIndex, textIndex)
                tokenIndex += 1
            } else if let star = lastStar {
                lastStar = (star.token, star.text + 1)
                tokenIndex = star.token + 1
                textIndex = star.text + 1
            } else {
                return false
            }
        }
        while tokenIndex < tokens.count, tokens[tokenIndex] == .any { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }
}
