/// A field's dotted path (`detail.object.key`) as a pattern names it.
///
/// An event names a path the same way whether it nests objects or writes dots in its keys
/// (`{"detail": {"object.key": …}}` is at `detail.object.key` too); ``FieldTable`` finds a
/// path's values in an event by every such spelling.
struct FieldPath: Sendable, Hashable {
    /// The path as the pattern names it.
    let text: String

    init(_ text: String) {
        self.text = text
    }

    /// The dot-separated segments, empty ones kept.
    var segments: [String] {
        text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}
