import StateMachine

/// A pattern EventBridge would refuse, with the reason its rule compiler gives.
///
/// The reasons are event-ruler's (AWS's own matcher), so `aws events test-event-pattern` against
/// AWS and the emulator fail alike: `Empty arrays are not allowed`, `"source" must be an object or
/// an array`, `Bad numeric range operator: >`. The message ends, as AWS's does, with where its
/// JSON parser (Jackson) stood in the pattern's text when the fault was found:
/// `at [Source: (String)"{"detail": {}}"; line: 1, column: 14]`.
public struct InvalidEventPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The exception's name on the wire, as SDKs raise it.
    public static let exceptionName = "InvalidEventPatternException"

    /// Why the pattern is refused.
    public let reason: String
    /// Jackson's account of the place in the text (` at [Source: …; line: L, column: C]`); empty
    /// when the pattern was not given as text.
    public private(set) var position = ""
    /// The value the fault was found in, relative to the value being compiled, until the text is known.
    private var location: Location?

    public init(reason: String) {
        self.reason = reason
    }

    /// The message AWS sends with the exception.
    public var message: String { "Event pattern is not valid. Reason: \(reason)" + position }

    public var description: String { "\(Self.exceptionName): \(message)" }

    /// Which of a value's tokens the parser had just read: a string's opening quote, a number or
    /// literal whole, an object's or array's opening or closing bracket.
    enum Edge: Hashable {
        case opening
        case closing
    }

    private struct Location: Hashable {
        var path: [JSONPathStep]
        var edge: Edge
    }

    /// The fault placed at the value `steps` lead to from the value being compiled.
    func at(_ steps: [JSONPathStep], _ edge: Edge = .opening) -> Self {
        var placed = self
        placed.location = Location(path: steps, edge: edge)
        return placed
    }

    /// Whether the fault has been placed at a value.
    var isPlaced: Bool { location != nil }

    /// The fault seen from the value one level up, `step` being how that value reaches the one
    /// the fault was placed in (or, for a fault not yet placed, the one it was found in).
    func within(_ step: JSONPathStep) -> Self {
        var placed = self
        placed.location = Location(path: [step] + (location?.path ?? []), edge: location?.edge ?? .opening)
        return placed
    }

    /// The fault with Jackson's position suffix, for a pattern read from `map`'s text.
    func positioned(in map: JSONSourceMap) -> Self {
        positioned(at: Self.offset(of: location, in: map), in: map)
    }

    /// The fault with Jackson's position suffix for the place `offset` bytes into `map`'s text.
    func positioned(at offset: Int, in map: JSONSourceMap) -> Self {
        var placed = self
        placed.position = Self.suffix(offset: offset, in: map)
        return placed
    }

    /// The suffix for the place `offset` bytes into the text: Jackson's `at [Source: (String)"…";
    /// line: L, column: C]`, the text cut at 500 characters as Jackson cuts it.
    static func suffix(offset: Int, in map: JSONSourceMap) -> String {
        let text = String(decoding: map.bytes, as: UTF8.self)
        let limit = 500
        let units = Array(text.utf16)
        let shown = units.count > limit
            ? String(decoding: units[..<limit], as: UTF16.self) + "\"[truncated \(units.count - limit) chars]" : text + "\""
        let (line, column) = map.lineAndColumn(at: offset)
        return " at [Source: (String)\"\(shown); line: \(line), column: \(column)]"
    }

    /// Where Jackson stands once it has read the token of `location`: just past an opening quote
    /// (it reads strings lazily), a whole number or literal, or the bracket.
    private static func offset(of location: Location?, in map: JSONSourceMap) -> Int {
        guard let location, let range = map.range(of: location.path), !range.isEmpty else { return 0 }
        if location.edge == .closing { return range.upperBound }
        switch map.bytes[range.lowerBound] {
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["): return range.lowerBound + 1
        default: return range.upperBound
        }
    }
}
