public import Foundation

/// Reading JSON text. Integers that fit `Int64` stay exact; see `JSONParser`.
extension JSONValue {
    public init(parsing data: Data) throws(JSONParseError) {
        var parser = JSONParser(bytes: [UInt8](data))
        self = try parser.parseDocument()
    }

    public init(parsing text: String) throws(JSONParseError) {
        var parser = JSONParser(bytes: Array(text.utf8))
        self = try parser.parseDocument()
    }

    /// Parses `text` and says where each of its values lies in it.
    public static func parsingWithSourceMap(_ text: String) throws(JSONParseError) -> (JSONValue, JSONSourceMap) {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.sourceMap = JSONSourceMap(bytes: parser.bytes)
        let value = try parser.parseDocument()
        return (value, parser.sourceMap!)
    }
}
