public import StateMachine

/// Many patterns matched against each event together, in time that does not grow with the number
/// of patterns that cannot match it.
///
/// Each branch of each pattern is filed under one of its exact-value conditions (the one with the
/// fewest values, such as `"source": ["aws.s3"]`); an event looks up its own values at those paths
/// and checks only the branches filed there, plus the few that have no exact-value condition at
/// all. This is what EventBridge's automaton achieves by other means: rules on other sources or
/// detail types cost nothing.
public struct EventPatternIndex<Key: Hashable & Sendable>: Sendable {
    /// The keys, by pattern number.
    @usableFromInline var owners: [Key] = []
    /// The branches, immutable and shared: matching reads them in place (a generic struct's
    /// stored struct would be copied whole for every event), adding makes a new one.
    @usableFromInline var branches = BranchIndex()

    public init() {}

    /// The number of patterns added.
    public var count: Int { owners.count }

    /// Adds a pattern; `key` is what ``matches(_:)`` returns when it matches.
    public mutating func add(_ pattern: EventPattern, for key: Key) {
        branches = branches.adding(pattern, owner: owners.count)
        owners.append(key)
    }

    /// The keys of the patterns the event matches, each once, in the order they were added.
    /// Inlinable, so that the caller's `Key` is specialised.
    @inlinable public func matches(_ event: JSONValue) -> EventPatternMatches<Key> {
        EventPatternMatches(branches.owners(matching: event), of: owners)
    }
}

