/// The addresses a `cidr` pattern matches.
///
/// As event-ruler builds it: from the address as written up to that address with every host bit
/// set, so `10.0.0.0/24` spans 10.0.0.0 to 10.0.0.255 (and `10.0.0.7/24` starts at 10.0.0.7).
struct IPRange: Sendable, Hashable {
    let lowest: [UInt8]
    let highest: [UInt8]

    /// Reads `address/bits`.
    /// - Throws: event-ruler's reason for a malformed block.
    init(cidr: String) throws(InvalidEventPatternError) {
        var parts = cidr.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // Java's String.split drops trailing empty parts.
        while parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard parts.count == 2 else { throw InvalidEventPatternError(reason: "Malformed CIDR, one '/' required") }
        guard let bits = Int32(parts[1]) else {
            throw InvalidEventPatternError(reason: "Malformed CIDR, mask bits must be an integer")
        }
        guard bits >= 0 else { throw InvalidEventPatternError(reason: "Malformed CIDR, mask bits must not be negative") }
        let address: IPAddress
        switch IPAddress.read(parts[0]) {
        case .notAnAddress: throw InvalidEventPatternError(reason: "Nonstandard IP address: \(parts[0])")
        case .invalid: throw InvalidEventPatternError(reason: "Invalid IP address: \(parts[0])")
        case .address(let read): address = read
        }
        if address.bytes.count == 4, bits > 31 { throw InvalidEventPatternError(reason: "IPv4 mask bits must be < 32") }
        if address.bytes.count == 16, bits > 127 { throw InvalidEventPatternError(reason: "IPv6 mask bits must be < 128") }
        lowest = address.bytes
        var hostBits = address.bytes.count * 8 - Int(bits)
        var highest = address.bytes
        for index in highest.indices.reversed() {
            if hostBits >= 8 {
                highest[index] = 0xFF
            } else if hostBits > 0 {
                highest[index] |= UInt8((1 << hostBits) - 1)
            }
            hostBits -= 8
        }
        self.highest = highest
    }

    func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == lowest.count
            && !address.bytes.lexicographicallyPrecedes(lowest) && !highest.lexicographicallyPrecedes(address.bytes)
    }
}
