/// Reproducible mutations of seed inputs: the same seed gives the same inputs on every machine, so
/// a failure found in CI is found again by `fuzz --seed`.
public struct Mutator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// `input` changed by one to four mutations, some of which splice in bytes of `corpus`.
    public mutating func mutate(_ input: [UInt8], corpus: [[UInt8]], maxBytes: Int) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + below(4)) {
            mutateOnce(&bytes, corpus: corpus)
        }
        return bytes.count > maxBytes ? Array(bytes.prefix(maxBytes)) : bytes
    }

    /// A number in `0..<bound` (0 when `bound` is 0).
    public mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func mutateOnce(_ bytes: inout [UInt8], corpus: [[UInt8]]) {
        let position = below(bytes.count + 1)
        switch below(8) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] ^= UInt8(1) << UInt8(below(8))
        case 1 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = Self.interestingBytes[below(Self.interestingBytes.count)]
        case 2 where !bytes.isEmpty:
            let end = min(bytes.count, position + 1 + below(32))
            bytes.removeSubrange(min(position, bytes.count - 1)..<end)
        case 3 where !bytes.isEmpty:
            let start = below(bytes.count)
            let chunk = bytes[start..<min(bytes.count, start + 1 + below(64))]
            bytes.insert(contentsOf: chunk, at: position)
        case 4:
            bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)].utf8, at: position)
        case 5 where !corpus.isEmpty:
            let donor = corpus[below(corpus.count)]
            guard !donor.isEmpty else { return }
            let start = below(donor.count)
            bytes.insert(contentsOf: donor[start..<min(donor.count, start + 1 + below(128))], at: position)
        case 6:
            bytes.removeSubrange(position...)
        default:
            guard let digit = bytes.indices.dropFirst(position).first(where: { (48...57).contains(bytes[$0]) }) else { return }
            var end = digit
            while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
            bytes.replaceSubrange(digit..<end, with: Self.numbers[below(Self.numbers.count)].utf8)
        }
    }

    private static let interestingBytes: [UInt8] = Array("{}[]\"\\,:0-.e\n\r \t9a$*&!#%'".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]

    private static let tokens = [
        "\"", "null", "true", "-1", "1e309", "-0", "0.5", "99999999999999999999999", "{}", "[]", "\"\\u0000\"", "\"\\uD800\"",
        "!Ref ", "!GetAtt ", "!Sub '${", "!If [", "Fn::", "${AWS::Region}", "$.", "$$.", "$[0]", "States.Format('{}', $.a)",
        "\r\n", "\r\n\r\n", "Content-Length: ", "Transfer-Encoding: chunked\r\n", "HTTP/1.1 ", ": ", "- ", "&a ", "*a", "<<: ",
        "\"Type\": ", "\"Next\": \"", "\"anything-but\": ", "\"numeric\": [", "\"prefix\": ", "{\"exists\": true}", "\"$or\": [",
    ]

    private static let numbers = ["0", "-1", "4294967296", "9223372036854775808", "1e400", "0x10", "00", "1.0", "-9999999999999999999"]
}
