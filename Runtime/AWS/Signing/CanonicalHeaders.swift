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
        var values: [String: [String]] = [:]
        for header in headers {
            values[header.name.lowercased(), default: []].append(Self.normalizeValue(header.value))
        }
        let names = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        canonical = names.map { name in
            "\(name):\(values[name, default: []].joined(separator: ","))\n"
        }.joined()
        signed = names.joined(separator: ";")
    }

    /// Trims leading/trailing spaces and tabs and collapses inner runs to one space, because
    /// proxies may reflow whitespace and AWS canonicalises it away before comparing.
    static func normalizeValue(_ value: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
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
}
