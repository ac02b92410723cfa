/// What an `anything-but` excludes: a leaf matches when it is none of these. Leaves of another
/// type than the excluded values (a number against strings, `null` against anything) match.
enum AnythingBut: Sendable {
    case strings(Set<String>)
    case numbers(Set<ComparableNumber>)
    case prefixes([String])
    case suffixes([String])
    /// Lowercased.
    case equalsIgnoringCase(Set<String>)
    case wildcards([ValueWildcard])

    func admits(_ value: LeafValue) -> Bool {
        switch (self, value) {
        case (.strings(let excluded), .string(let text)): !excluded.contains(text)
        case (.numbers(let excluded), .number(_, let number?)): !excluded.contains(number)
        case (.prefixes(let excluded), .string(let text)): !excluded.contains { text.utf8.starts(with: $0.utf8) }
        case (.suffixes(let excluded), .string(let text)): !excluded.contains { text.utf8.reversed().starts(with: $0.utf8.reversed()) }
        case (.equalsIgnoringCase(let excluded), .string(let text)): !excluded.contains(text.lowercased())
        case (.wildcards(let excluded), .string(let text)): !excluded.contains { $0.matches(text) }
        default: true
        }
    }
}
