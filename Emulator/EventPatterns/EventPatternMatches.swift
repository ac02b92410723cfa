/// The keys of the patterns an event matched, each once, in the order the patterns were added to
/// the ``EventPatternIndex``.
///
/// None, one or many: an event that matches at most one pattern, as most do, allocates nothing
/// and releases nothing. Its members are inlinable so that a caller's `Key` is specialised: going
/// through the generic entry points would cost more than the matching does.
public struct EventPatternMatches<Key>: RandomAccessCollection {
    @usableFromInline enum Keys {
        case none
        case one(Key)
        case many([Key])
    }

    @usableFromInline let keys: Keys

    @inlinable init(_ numbers: MatchedPatterns, of keys: [Key]) {
        switch numbers {
        case .none: self.keys = .none
        case .one(let number): self.keys = .one(keys[number])
        case .many(let numbers): self.keys = .many(numbers.map { keys[$0] })
        }
    }

    @inlinable public var startIndex: Int { 0 }

    @inlinable public var endIndex: Int {
        switch keys {
        case .none: 0
        case .one: 1
        case .many(let keys): keys.count
        }
    }

    @inlinable public subscript(position: Int) -> Key {
        switch keys {
        case .one(let key) where position == 0: key
        case .many(let keys): keys[position]
        default: preconditionFailure("index \(position) out of range")
        }
    }
}

extension EventPatternMatches: Sendable where Key: Sendable {}
extension EventPatternMatches.Keys: Sendable where Key: Sendable {}

/// The numbers of the patterns an event matched: none, one, or many, so that the usual event
/// makes and releases no array.
@usableFromInline enum MatchedPatterns: Sendable {
    case none
    case one(Int)
    /// In the order found, perhaps repeated, until ``settled()``: ascending and each once after.
    case many([Int])

    /// The number appended last.
    var last: Int? {
        switch self {
        case .none: nil
        case .one(let number): number
        case .many(let numbers): numbers.last
        }
    }

    mutating func append(_ number: Int) {
        switch self {
        case .none: self = .one(number)
        case .one(let first): self = .many([first, number])
        case .many(var numbers):
            self = .none
            numbers.append(number)
            self = .many(numbers)
        }
    }

    /// These numbers ascending, each once: they are appended in the order found, and a pattern
    /// filed in several places may be found in each.
    @inline(__always) func settled() -> MatchedPatterns {
        guard case .many(let numbers) = self else { return self }
        return Self.settled(numbers)
    }

    private static func settled(_ numbers: [Int]) -> MatchedPatterns {
        let unique = Set(numbers).sorted()
        return unique.count == 1 ? .one(unique[0]) : .many(unique)
    }
}
