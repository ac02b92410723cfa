/// Percent-encoding exactly as SigV4 defines it.
///
/// Generic URL encoders differ from AWS in small ways that break signatures (encoding `~`, leaving
/// `+` or `/` alone, using `+` for space, lowercase hex), so this encodes every byte of the UTF-8
/// form except the RFC 3986 unreserved set `A-Z a-z 0-9 - _ . ~`, always as uppercase `%XX`.
public enum URIEncoding {
    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Encodes one path segment, query name or query value (a `/` inside becomes `%2F`).
    public static func encode(_ text: some StringProtocol) -> String {
        if text.utf8.allSatisfy(isUnreserved) { return String(text) }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(upperHex[Int(byte >> 4)])
                output.append(upperHex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes each `/`-separated segment of a decoded path, keeping the slashes (including empty
    /// segments from `//`, which S3 keys may legitimately contain). This is the path to put on the
    /// wire; it is also S3's canonical URI.
    public static func encodePath(_ path: some StringProtocol) -> String {
        if path.hasPrefix("/"), path.utf8.allSatisfy({ isUnreserved($0) || $0 == UInt8(ascii: "/") }) { return String(path) }
        let absolute = path.hasPrefix("/") ? String(path) : "/" + path
        return absolute.split(separator: "/", omittingEmptySubsequences: false)
            .map { encode($0) }
            .joined(separator: "/")
    }

    /// The canonical query string: names and values encoded, sorted by encoded name then encoded
    /// value (byte order), joined as `name=value` with `&`. An item without a value is `name=`.
    ///
    /// Because every reserved character is encoded it is also a valid query string for the wire.
    public static func canonicalQueryString(_ items: [(name: String, value: String)]) -> String {
        guard !items.isEmpty else { return "" }
        return items.map { (name: encode($0.name), value: encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.name == rhs.name
                    ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                    : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
            }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    /// Encodes `items` in the given order, for building a URL whose parameter order a human reads
    /// (AWS does not care about order on the wire, only in the canonical form).
    public static func queryString(_ items: [(name: String, value: String)]) -> String {
        items.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
            UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
