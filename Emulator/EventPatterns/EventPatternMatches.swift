/// The keys of the patterns an event matched, each once, in the order the patterns were added to
/// the ``EventPatternIndex``.
///
/// The first key is kept inline, so that an event that matches at most one pattern, as most do,
/// allocates nothing. Its members are inlinable so that a caller's `Key` is specialised: going
/// through the generic entry points would cost more than the matching does.
public struct EventPatternMatches<Key>: RandomAccessCollection {
    @usableFromInline let first: Key?
    @usableFromInline let rest: [Key]

    @inlinable init(_ numbers: MatchedPatterns, of keys: [Key]) {
        first = numbers.first < 0 ? nil : keys[numbers.first]
        rest = numbers.rest.map { keys[$0] }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { first == nil ? 0 : 1 + rest.count }
    @inlinable public subscript(position: Int) -> Key { position == 0 ? first! : rest[position - 1] }
}

extension EventPatternMatches: Sendable where Key: Sendable {}

/// The numbers of the patterns an event matched, ascending, each once: the first kept inline.
@usableFromInline struct MatchedPatterns: Sendable {
    /// -1 when none matched.
    @usableFromInline let first: Int
    @usableFromInline let rest: [Int]

    /// The patterns found, in any order, perhaps more than once (a pattern filed in several places
    /// may match in each).
    init(found: consuming PatternsFound) {
        guard !found.rest.isEmpty else {
            first = found.first
            rest = found.rest
            return
        }
        let numbers = Set(found.rest + [found.first]).sorted()
        first = numbers[0]
        rest = Array(numbers.dropFirst())
    }
}

/// The patterns matched so far while an event is checked, by number in the order found.
struct PatternsFound {
    fileprivate(set) var first = -1
    fileprivate(set) var rest: [Int] = []

    var last: Int? { rest.last ?? (first < 0 ? nil : first) }

    mutating func append(_ number: Int) {
        if first < 0 { first = number } else { rest.append(number) }
    }
}
