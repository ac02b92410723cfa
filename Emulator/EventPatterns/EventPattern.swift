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
    /// Every path the pattern names, and every prefix of one: all of the event it needs to see.
    let paths: Set<String>
    /// The branches filed for matching, as a one-pattern index.
    private let index: BranchIndex

    /// Compiles a pattern given as JSON text.
    /// - Throws: ``InvalidEventPatternError`` with EventBridge's reason when AWS would refuse it.
    /// The refusal says where in the text the fault lies, as AWS's does.
    public init(text: String) throws(InvalidEventPatternError) {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: text)
        } catch {
            let map = JSONSourceMap(text: text)
            throw InvalidEventPatternError(reason: "the pattern is not valid JSON: \(error.message)").positioned(at: error.offset, in: map)
        }
        do {
            try self.init(json: json)
        } catch {
            // Where each value lies is needed only to place a refusal: the text, already read once, is read again for it.
            guard let placed = try? JSONValue.parsingWithSourceMap(text) else { throw error }
            throw error.positioned(in: placed.1)
        }
    }

    /// Compiles a pattern already read as JSON.
    public init(json: JSONValue) throws(InvalidEventPatternError) {
        branches = try PatternCompiler.compile(json)
        paths = Self.prefixes(of: branches)
        index = BranchIndex().adding(branches, paths: paths, owner: 0)
    }

    /// Whether the event matches.
    public func matches(_ event: JSONValue) -> Bool {
        if case .none = index.owners(matching: event) { return false }
        return true
    }

    /// The paths the branches name, with their prefixes.
    static func prefixes(of branches: [PatternBranch]) -> Set<String> {
        var prefixes = Set<String>()
        for condition in branches.flatMap(\.conditions) {
            var prefix = ""
            for part in condition.path.text.split(separator: ".", omittingEmptySubsequences: false) {
                prefix = prefix.isEmpty ? String(part) : prefix + "." + part
                prefixes.insert(prefix)
            }
        }
        return prefixes
    }
}
