/// The canonical headers block and the signed-headers list of a canonical request.
///
/// Both come from the same normalisation, so they are computed together: names are lowercased,
/// values trimmed with inner runs of spaces/tabs collapsed to one space, repeated names merged into
/// one line with their values comma-joined in request order, and lines sorted by name.
public struct CanonicalHeaders: Sendable, Hashable {
    /// `name:value\n` per distinct header, sorted; note the trailing newline on every line.
    public let canonical: String
    /// The sorted lowercase names joined with `;`, as in `SignedHeaders=`.
    public let signed: String

    public init(_ headers: [(name: String, value: String)]) {
        var lines: [(name: String, value: String)] = []
        lines.reserveCapacity(headers.count)
        for header in headers {
            lines.append((header.name.lowercasedASCII(), Self.normalizeValue(header.value)))
        }
        // Insertion sort by name: stable, so repeated names keep their request order, and quick
        // for the handful of headers a request signs.
        for index in lines.indices.dropFirst() {
            let line = lines[index]
            var slot = index
            while slot > 0, line.name.utf8.lexicographicallyPrecedes(lines[slot - 1].name.utf8) {
                lines[slot] = lines[slot - 1]
                slot -= 1
            }
            lines[slot] = line
        }
        var canonical = ""
        var signed = ""
        canonical.reserveCapacity(lines.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 })
        signed.reserveCapacity(lines.reduce(0) { $0 + $1.name.utf8.count + 1 })
        for (index, line) in lines.enumerated() {
            if index > 0, lines[index - 1].name == line.name {
                canonical += ","
            } else {
                if index > 0 {
                    canonical += "\n"
                    signed += ";"
                }
                canonical += line.name
                canonical += ":"
                signed += line.name
            }
            canonical += line.value
        }
        if !lines.isEmpty { canonical += "\n" }
        self.canonical = canonical
        self.signed = signed
    }

    /// Trims leading/trailing spaces and tabs and collapses inner runs to one space, because
    /// proxies may reflow whitespace and AWS canonicalises it away before comparing. Most values
    /// have nothing to change and are returned as they are.
    static func normalizeValue(_ value: String) -> String {
        guard needsNormalizing(value) else { return value }
        var output: [UInt8] = []
        output.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if isSpace(byte) {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(UInt8(ascii: " "))
                pendingSpace = false
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether the value starts or ends with a space or tab, or holds a tab or two spaces in a row.
    private static func needsNormalizing(_ value: String) -> Bool {
        var previousWasSpace = true
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\t") || (byte == UInt8(ascii: " ") && previousWasSpace) { return true }
            previousWasSpace = byte == UInt8(ascii: " ")
        }
        return previousWasSpace && !value.isEmpty
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
