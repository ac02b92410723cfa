/// An IPv4 or IPv6 address as EventBridge reads one: 4 or 16 bytes.
///
/// Only text shaped like an address is read (four dotted decimal numbers, or hex digits and
/// colons), as event-ruler does before it asks Java to parse it; an IPv4-mapped IPv6 address reads
/// as its IPv4 address, as Java's parser returns it.
struct IPAddress: Sendable, Hashable {
    let bytes: [UInt8]

    /// What reading a text as an address gave.
    enum Reading {
        /// The text is not shaped like an address.
        case notAnAddress
        /// Shaped like one, but not a valid address.
        case invalid
        case address(IPAddress)
    }

    static func read(_ text: String) -> Reading {
        if looksLikeIPv4(text) { return parseIPv4(text).map(Reading.address) ?? .invalid }
        if looksLikeIPv6(text) { return parseIPv6(text).map(Reading.address) ?? .invalid }
        return .notAnAddress
    }

    /// The address, when the text is a valid one.
    static func parse(_ text: String) -> IPAddress? {
        if case .address(let address) = read(text) { return address }
        return nil
    }

    private static func looksLikeIPv4(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isDigit) }
    }

    private static func looksLikeIPv6(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: ":")) && text.utf8.allSatisfy { $0 == UInt8(ascii: ":") || hexValue($0) != nil }
    }

    private static func parseIPv4(_ text: String) -> IPAddress? {
        var bytes: [UInt8] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard part.count <= 10, let value = Int(part), value <= 255 else { return nil }
            bytes.append(UInt8(value))
        }
        return IPAddress(bytes: bytes)
    }

    private static func parseIPv6(_ text: String) -> IPAddress? {
        var halves = [Substring(text)]
        if let gap = text.firstRange(of: "::") {
            halves = [text[..<gap.lowerBound], text[gap.upperBound...]]
            guard halves[1].firstRange(of: "::") == nil else { return nil }
        }
        func groups(_ half: Substring) -> [UInt16]? {
            if half.isEmpty { return [] }
            var values: [UInt16] = []
            for group in half.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.utf8.count), let value = UInt16(group, radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        let bytes = all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return IPAddress(bytes: Array(bytes[12...]))
        }
        return IPAddress(bytes: bytes)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
