public import StateMachine

/// An EventBridge event pattern, compiled: the whole content-filter language with AWS's semantics.
///
/// A pattern is a disjunction of branches (`$or` multiplies them); a branch is a conjunction of
/// field conditions; a condition holds when any of its values matches a leaf of the event at that
/// field's path. Arrays in the event are transparent (a field matches when any element does), but
/// the fields of one branch must be satisfied within one element of an array of objects, as
/// EventBridge requires.
///
/// ```swift
/// let pattern = try EventPattern(text: #"{"source": ["aws.s3"], "detail": {"object": {"key": [{"suffix": ".csv"}]}}}"#)
/// pattern.matches(event)
/// ```
public struct EventPattern: Sendable {
    /// The pattern's branches; the pattern matches when any does.
    let branches: [PatternBranch]

    /// Compiles a pattern given as JSON text.
    /// - Throws: ``InvalidEventPatternError`` with EventBridge's reason when AWS would refuse it.
    public init(text: String) throws(InvalidEventPatternError) {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: text)
        } catch {
            throw InvalidEventPatternError(reason: "the pattern is not valid JSON: \(error)")
        }
        try self.init(json: json)
    }

    /// Compiles a pattern already read as JSON.
    public init(json: JSONValue) throws(InvalidEventPatternError) {
        branches = try PatternCompiler.compile(json)
    }

    /// Whether the event matches.
    public func matches(_ event: JSONValue) -> Bool {
        matches(FlatEvent(event))
    }

    /// Whether an event already flattened matches: the form to use when one event meets many patterns.
    func matches(_ event: FlatEvent) -> Bool {
        branches.contains { $0.matches(event) }
    }
}
