/// A small non-validating XML parser for AWS responses.
///
/// Why hand-written: Foundation's `XMLParser` lives in FoundationXML, which drags libxml2 and the
/// full Foundation into every Lambda binary (megabytes and slower cold starts) for documents that
/// use a tiny subset of XML: elements, attributes, text, the five predefined entities, numeric
/// character references, CDATA, comments and the `<?xml?>` declaration. That subset is what this
/// parser accepts; DTDs are skipped, never expanded, so entity-expansion attacks cannot apply.
public struct MiniXMLParser {
    private let bytes: [UInt8]
    private var index = 0
    /// Deeper documents are refused, so hostile input cannot exhaust the stack.
    private static let maximumDepth = 64

    /// Parses `bytes` and returns the root element.
    public static func parse(_ bytes: [UInt8]) throws(MiniXMLError) -> MiniXMLElement {
        var parser = MiniXMLParser(bytes: bytes)
        return try parser.document()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func document() throws(MiniXMLError) -> MiniXMLElement {
        try skipMisc()
        guard peek() == UInt8(ascii: "<") else { throw failure("expected the root element") }
        let root = try element(depth: 0)
        try skipMisc()
        guard index == bytes.count else { throw failure("content after the root element") }
        return root
    }

    /// Skips whitespace, comments, processing instructions and DOCTYPE between top-level items.
    private mutating func skipMisc() throws(MiniXMLError) {
        while index < bytes.count {
            if isSpace(bytes[index]) {
                index += 1
            } else if starts(with: "<?") {
                try skip(past: "?>")
            } else if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<!") {
                try skip(past: ">")
            } else {
                return
            }
        }
    }

    private mutating func element(depth: Int) throws(MiniXMLError) -> MiniXMLElement {
        guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth)") }
        index += 1  // "<"
        var node = MiniXMLElement(name: name())
        guard !node.name.isEmpty else { throw failure("missing element name") }
        while true {
            skipSpaces()
            if starts(with: "/>") {
                index += 2
                return node
            }
            if peek() == UInt8(ascii: ">") {
                index += 1
                break
            }
            let attribute = name()
            skipSpaces()
            guard !attribute.isEmpty, peek() == UInt8(ascii: "=") else { throw failure("malformed attribute") }
            index += 1
            skipSpaces()
            guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw failure("unquoted attribute value")
            }
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != quote { index += 1 }
            guard index < bytes.count else { throw failure("unterminated attribute value") }
            node.attributes[attribute] = try decodeEntities(bytes[start..<index])
            index += 1
        }
        var text: [UInt8] = []
        while index < bytes.count {
            if starts(with: "</") {
                index += 2
                guard name() == node.name else { throw failure("mismatched closing tag for \(node.name)") }
                skipSpaces()
                guard peek() == UInt8(ascii: ">") else { throw failure("malformed closing tag") }
                index += 1
                node.text = String(decoding: text, as: UTF8.self)
                return node
            } else if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<![CDATA[") {
                index += 9
                let start = index
                try skip(past: "]]>")
                text.append(contentsOf: bytes[start..<(index - 3)])
            } else if starts(with: "<?") {
                try skip(past: "?>")
            } else if peek() == UInt8(ascii: "<") {
                node.children.append(try element(depth: depth + 1))
            } else {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                text.append(contentsOf: Array(try decodeEntities(bytes[start..<index]).utf8))
            }
        }
        throw failure("unterminated element \(node.name)")
    }

    private mutating func name() -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") {
                break
            }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Replaces `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and `&#N;` / `&#xN;` references.
    private func decodeEntities(_ slice: ArraySlice<UInt8>) throws(MiniXMLError) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(slice.count)
        var position = slice.startIndex
        while position < slice.endIndex {
            let byte = slice[position]
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                position += 1
                continue
            }
            guard let semicolon = slice[position...].firstIndex(of: UInt8(ascii: ";")) else {
                throw MiniXMLError(offset: position, reason: "unterminated entity")
            }
            let entity = String(decoding: slice[(position + 1)..<semicolon], as: UTF8.self)
            switch entity {
            case "amp": output.append(UInt8(ascii: "&"))
            case "lt": output.append(UInt8(ascii: "<"))
            case "gt": output.append(UInt8(ascii: ">"))
            case "quot": output.append(UInt8(ascii: "\""))
            case "apos": output.append(UInt8(ascii: "'"))
            default:
                let scalarValue: UInt32? =
                    entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst(), radix: 10) : nil
                guard let scalarValue, let scalar = Unicode.Scalar(scalarValue) else {
                    throw MiniXMLError(offset: position, reason: "unknown entity &\(entity);")
                }
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            position = semicolon + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private func starts(with literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
    }

    private mutating func skip(past literal: StaticString) throws(MiniXMLError) {
        while index < bytes.count {
            if starts(with: literal) {
                index += literal.utf8CodeUnitCount
                return
            }
            index += 1
        }
        throw failure("missing \(literal)")
    }

    private mutating func skipSpaces() {
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func failure(_ reason: String) -> MiniXMLError {
        MiniXMLError(offset: index, reason: reason)
    }
}
