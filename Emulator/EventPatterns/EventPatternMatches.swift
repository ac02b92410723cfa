/// The keys of the patterns an event matched, each once, in the order the patterns were added to
/// the ``EventPatternIndex``.
///
/// The first key is kept inline, so that an event that matches at most one pattern, as most do,
/// allocates nothing. Its members are inlinable so that a caller's `Key` is specialised: going
/// through the generic entry points would cost more than the matching does.
public struct EventPatternMatches<Key>: RandomAccessCollection {
    @usableFromInline let firstKey: Key?
    @usableFromInline let otherKeys: [Key]?

    @inlinable init(_ numbers: MatchedPatterns, of keys: [Key]) {
        firstKey = numbers.first < 0 ? nil : keys[numbers.first]
        otherKeys = numbers.rest?.map { keys[$0] }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { firstKey == nil ? 0 : 1 + (otherKeys?.count ?? 0) }
    @inlinable public subscript(position: Int) -> Key { position == 0 ? firstKey! : otherKeys![position - 1] }
}

extension EventPatternMatches: Sendable where Key: Sendable {}

/// The numbers of the patterns an event matched: the first kept inline, and no array at all
/// unless more than one matched (even an empty one costs a release per event).
@usableFromInline struct MatchedPatterns: Sendable {
    /// -1 when none matched.
    @usableFromInline private(set) var first = -1
    @usableFromInline private(set) var rest: [Int]?

    /// The last number appended.
    var last: Int? { rest?.last ?? (first < 0 ? nil : first) }

    mutating func append(_ number: Int) {
        if first < 0 {
            first = number
        } else if rest == nil {
            rest = [number]
        } else {
            rest?.append(number)
        }
    }

    /// These numbers ascending, each once: they are appended in the order found, and a pattern
    /// filed in several places may be found in each.
    @inline(__always) func settled() -> MatchedPatterns {
        rest == nil ? self : sorted()
    }

    private func sorted() -> MatchedPatterns {
        let numbers = Set(rest! + [first]).sorted()
        var settled = MatchedPatterns()
        settled.first = numbers[0]
        settled.rest = numbers.count > 1 ? Array(numbers.dropFirst()) : nil
        return settled
    }
}
