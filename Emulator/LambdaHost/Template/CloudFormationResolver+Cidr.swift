import Foundation
import StateMachine

extension CloudFormationResolver {
    /// `Fn::Cidr: [ipBlock, count, cidrBits]`: the first `count` subnets of the block, each with
    /// `cidrBits` host bits (a /24 in an IPv4 block for 8), as CloudFormation computes them.
    func cidr(_ argument: JSONValue) throws(Failure) -> JSONValue {
        guard let items = argument.arrayValue, items.count == 3 else {
            throw Failure(message: "Fn::Cidr needs [ipBlock, count, cidrBits]")
        }
        let block = try text(try required(items[0], in: "Fn::Cidr"))
        guard let count = Int(try text(try required(items[1], in: "Fn::Cidr"))), (1...256).contains(count),
            let hostBits = Int(try text(try required(items[2], in: "Fn::Cidr")))
        else {
            throw Failure(message: "Fn::Cidr needs a count of 1 to 256 and a whole number of cidrBits")
        }
        guard let network = CIDRBlock(block) else {
            throw Failure(message: "Fn::Cidr: \(block) is not an IPv4 or IPv6 CIDR block")
        }
        let subnetPrefix = network.width - hostBits
        guard hostBits > 0, subnetPrefix >= network.prefix, subnetPrefix - network.prefix >= 64 || count <= 1 << (subnetPrefix - network.prefix)
        else {
            throw Failure(message: "Fn::Cidr: \(block) has no room for \(count) subnets of \(hostBits) host bits")
        }
        return .array((0..<count).map { .string(network.subnet($0, hostBits: hostBits)) })
    }
}

/// An IPv4 or IPv6 network address and prefix length, as 128-bit arithmetic.
struct CIDRBlock {
    let address: UInt128
    let prefix: Int
    /// 32 for IPv4, 128 for IPv6.
    let width: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]) else { return nil }
        let parsed = parts[0].contains(":") ? Self.ipv6(parts[0]).map { ($0, 128) } : Self.ipv4(parts[0]).map { ($0, 32) }
        guard let (address, width) = parsed, (0...width).contains(prefix) else { return nil }
        let hostMask: UInt128 = prefix == width ? 0 : (UInt128(1) << (width - prefix)) - 1
        self.address = address & ~hostMask
        self.prefix = prefix
        self.width = width
    }

    /// The `index`th subnet with `hostBits` host bits, in CIDR notation.
    func subnet(_ index: Int, hostBits: Int) -> String {
        let start = address + UInt128(index) << hostBits
        let text = width == 32 ? Self.ipv4Text(start) : Self.ipv6Text(start)
        return "\(text)/\(width - hostBits)"
    }

    private static func ipv4(_ text: Substring) -> UInt128? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
        guard octets.count == 4 else { return nil }
        return octets.reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
    }

    private static func ipv6(_ text: Substring) -> UInt128? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            let values = fields.compactMap { $0.count <= 4 ? UInt16($0, radix: 16) : nil }
            return values.count == fields.count ? values : nil
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let missing = 8 - head.count - tail.count
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
        let all = head + Array(repeating: 0, count: missing) + tail
        return all.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    private static func ipv4Text(_ address: UInt128) -> String {
        (0..<4).map { String((address >> ((3 - $0) * 8)) & 0xff) }.joined(separator: ".")
    }

    /// RFC 5952's form: lower-case, no leading zeros, the longest run of two or more zero
    /// groups written `::`.
    private static func ipv6Text(_ address: UInt128) -> String {
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: address >> ((7 - $0) * 16)) }
        var best: Range<Int>?
        var start: Int?
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if start == nil { start = index }
            } else if let run = start {
                if index - run >= 2, index - run > (best?.count ?? 0) { best = run..<index }
                start = nil
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard let best else { return hex.joined(separator: ":") }
        return hex[..<best.lowerBound].joined(separator: ":") + "::" + hex[best.upperBound...].joined(separator: ":")
    }
}
