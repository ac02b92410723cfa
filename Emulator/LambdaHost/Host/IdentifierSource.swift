/// Request ids, and trace ids for invocations whose caller gave none, drawn from a fast generator
/// seeded once.
///
/// These ids need to be unique, not secret; asking the system for randomness for each cost
/// dozens of system calls an invocation.
struct IdentifierSource {
    private var state: UInt64

    init(seed: UInt64 = UInt64.random(in: .min ... .max)) {
        state = seed
    }

    /// An X-Ray trace header: `Root=1-<epoch seconds, 8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0`.
    mutating func traceID(epochSeconds: Int64) -> String {
        let root = hex(next(), digits: 16) + hex(next(), digits: 8)
        return "Root=1-\(hex(UInt64(epochSeconds), digits: 8))-\(root);Parent=\(hex(next(), digits: 16));Sampled=0"
    }

    /// A request id in the UUID form Lambda uses, e.g. `8476a536-e9f4-41e8-9739-2dfe598c3fcd`.
    mutating func requestID() -> String {
        let (high, low) = (hex(next(), digits: 16), hex(next(), digits: 16))
        return "\(high.prefix(8))-\(high.dropFirst(8).prefix(4))-\(high.suffix(4))-\(low.prefix(4))-\(low.suffix(12))"
    }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    private func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value & (digits >= 16 ? .max : (1 << (4 * UInt64(digits))) - 1), radix: 16)
        return String(repeating: "0", count: digits - text.utf8.count) + text
    }
}
