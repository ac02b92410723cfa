import StateMachine

/// One value of a field's list in a pattern: a literal, or a match expression such as
/// `{"prefix": "img/"}`. A field condition holds when any of its matchers admits a leaf.
enum ValueMatcher: Sendable {
    case string(String)
    /// A string literal that is an IP address: it also matches the same address written another way.
    case address(String, IPAddress)
    /// A number literal: equal by value, to six decimals when EventBridge can compare it.
    case number(JSONValue, ComparableNumber?)
    case boolean(Bool)
    case null
    case prefix(String)
    /// Lowercased.
    case prefixIgnoringCase(String)
    case suffix(String)
    /// Lowercased.
    case suffixIgnoringCase(String)
    /// Lowercased.
    case equalsIgnoringCase(String)
    case wildcard(ValueWildcard)
    case anythingBut(AnythingBut)
    case numeric(NumericRange)
    case cidr(IPRange)
    /// `exists: true` admits any leaf; `exists: false` admits none but holds when the field has no leaf.
    case exists(Bool)

    func admits(_ value: LeafValue) -> Bool {
        switch (self, value) {
        case (.string(let expected), .string(let text)): expected == text
        case (.address(let expected, let address), .string(let text)): expected == text || IPAddress.parse(text) == address
        case (.number(let expected, let comparable), .number(let number, let leafComparable)):
            if let comparable, let leafComparable { comparable == leafComparable } else { expected == number }
        case (.boolean(let expected), .boolean(let flag)): expected == flag
        case (.null, .null): true
        case (.prefix(let prefix), .string(let text)): text.utf8.starts(with: prefix.utf8)
        case (.prefixIgnoringCase(let prefix), .string(let text)): text.lowercased().utf8.starts(with: prefix.utf8)
        case (.suffix(let suffix), .string(let text)): text.utf8.reversed().starts(with: suffix.utf8.reversed())
        case (.suffixIgnoringCase(let suffix), .string(let text)):
            text.lowercased().utf8.reversed().starts(with: suffix.utf8.reversed())
        case (.equalsIgnoringCase(let expected), .string(let text)): expected == text.lowercased()
        case (.wildcard(let wildcard), .string(let text)): wildcard.matches(text)
        case (.anythingBut(let excluded), _): excluded.admits(value)
        case (.numeric(let range), .number(_, let number?)): range.contains(number)
        case (.cidr(let range), .string(let text)): IPAddress.parse(text).map(range.contains) ?? false
        case (.exists(let present), _): present
        default: false
        }
    }

    /// Whether the matcher holds for a field with no leaf at all.
    var admitsAbsence: Bool {
        if case .exists(false) = self { return true }
        return false
    }
}
