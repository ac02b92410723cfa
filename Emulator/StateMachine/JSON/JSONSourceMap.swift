/// Where each value of a parsed document lies in its text, for errors that point into it.
///
/// ```swift
/// let (value, map) = try JSONValue.parsingWithSourceMap(text)
/// map.range(of: [.key("detail"), .key("size")])  // the byte range of that member's value
/// ```
public struct JSONSourceMap: Sendable {
    /// The document's text, as UTF-8.
    public let bytes: [UInt8]
    /// Each value's byte range (first byte up to one past its last), by its path from the root.
    private var ranges: [[JSONPathStep]: Range<Int>] = [:]
    /// The path of the value being read.
    private var path: [JSONPathStep] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A map of `text` with no values placed, for pointing at an offset in text that did not parse.
    public init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// The byte range of the value at `path`; nil when the document has no value there.
    public func range(of path: [JSONPathStep]) -> Range<Int>? {
        ranges[path]
    }

    /// The 1-based line and column of the byte at `offset`, columns counted in UTF-16 units as
    /// Java's parsers count them.
    public func lineAndColumn(at offset: Int) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).utf16.count + 1
        return (line, column)
    }

    mutating func enter(_ step: JSONPathStep) { path.append(step) }

    mutating func leave() { path.removeLast() }

    mutating func record(_ range: Range<Int>) { ranges[path] = range }
}

/// One step from a JSON value to a value inside it.
public enum JSONPathStep: Sendable, Hashable {
    case key(String)
    case index(Int)
}
