import Foundation

/// One line per benchmark figure, shared by every bench: ours, the peer's, their ratio, and the target.
public enum Report {
    public static func row(
        _ name: String, ours: Double, peer: Double, unit: String, target: String, met: Bool, higherIsBetter: Bool = false
    ) {
        let ratio = ours / peer
        let better = higherIsBetter ? ratio >= 1 : ratio <= 1
        print(
            "\(name.padding(toLength: 34, withPad: " ", startingAt: 0))"
                + " \(format(ours)) \(unit)   peer \(format(peer)) \(unit)   ratio \(String(format: "%.2f", ratio))"
                + " (\(better ? "better" : "worse") than the peer)   target \(target): \(met ? "met" : "NOT met")")
    }

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}

extension Duration {
    public var microseconds: Double { Double(components.seconds) * 1e6 + Double(components.attoseconds) / 1e12 }
    public var milliseconds: Double { microseconds / 1000 }
}
