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

    /// Whether the matcher admits the leaf. Switched on the leaf's kind and then on the matcher,
    /// not on the pair: a tuple of the two would copy both for every leaf compared.
    func admits(_ value: LeafValue) -> Bool {
        switch value {
        case .string(let text): admits(text)
        case .number(let number, let comparable): admits(number, comparable)
        case .boolean(let flag): if case .boolean(let expected) = self { expected == flag } else { admitsAnyKind(value) }
        case .null: if case .null = self { true } else { admitsAnyKind(value) }
        }
    }

    private func admits(_ text: String) -> Bool {
        switch self {
        case .string(let expected): expected == text
        case .address(let expected, let address): expected == text || IPAddress.parse(text) == address
        case .prefix(let prefix): text.utf8.starts(with: prefix.utf8)
        case .prefixIgnoringCase(let prefix): text.lowercased().utf8.starts(with: prefix.utf8)
        case .suffix(let suffix): text.utf8.reversed().starts(with: suffix.utf8.reversed())
        case .suffixIgnoringCase(let suffix): text.lowercased().utf8.reversed().starts(with: suffix.utf8.reversed())
        case .equalsIgnoringCase(let expected): expected == text.lowercased()
        case .wildcard(let wildcard): wildcard.matches(text)
        case .cidr(let range): IPAddress.parse(text).map(range.contains) ?? false
        default: admitsAnyKind(.string(text))
        }
    }

    private func admits(_ number: JSONValue, _ comparable: ComparableNumber?) -> Bool {
        switch self {
        case .number(let expected, let expectedComparable):
            if let expectedComparable, let comparable { expectedComparable == comparable } else { expected == number }
        case .numeric(let range): comparable.map(range.contains) ?? false
        default: admitsAnyKind(.number(number, comparable))
        }
    }

    /// The matchers that look at leaves of every kind.
    private func admitsAnyKind(_ value: LeafValue) -> Bool {
        switch self {
        case .anythingBut(let excluded): excluded.admits(value)
        case .exists(let present): present
        default: false
        }
    }

    /// Whether the matcher holds for a field with no leaf at all.
    var admitsAbsence: Bool {
        if case .exists(false) = self { return true }
        return false
    }
}
