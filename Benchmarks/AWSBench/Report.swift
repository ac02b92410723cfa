import Foundation

/// One line per figure, in the layout of `runtime-bench`: ours, the peer's, their ratio, the target.
enum Report {
    static func row(_ name: String, ours: Double, peer: Double, unit: String, target: String, met: Bool) {
        let ratio = ours / peer
        print(
            "\(name.padding(toLength: 34, withPad: " ", startingAt: 0))"
                + " \(format(ours)) \(unit)   peer \(format(peer)) \(unit)   ratio \(String(format: "%.2f", ratio))"
                + " (\(ratio <= 1 ? "better" : "worse") than the peer)   target \(target): \(met ? "met" : "NOT met")")
    }

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}

extension Duration {
    var microseconds: Double { Double(components.seconds) * 1e6 + Double(components.attoseconds) / 1e12 }
}
