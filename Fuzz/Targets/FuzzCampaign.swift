import Foundation

/// Runs a target over its seeds and then over mutations of them, and counts what happened.
public struct FuzzCampaign {
    /// What a run found.
    public struct Summary: Sendable {
        public let target: String
        public var inputs = 0
        public var accepted = 0
        public var refused = 0
        /// Inputs refused with an error the target does not promise, with that error.
        public var unexpected: [(input: [UInt8], message: String)] = []
        public var slowest: Duration = .zero

        public var description: String {
            let slowest = slowest.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1)))
            return "\(target): \(inputs) inputs, \(accepted) accepted, \(refused) refused, \(unexpected.count) unexpected; slowest \(slowest)"
        }
    }

    /// The largest input made, so the slow inputs are slow for their content, not their size.
    public static let maxBytes = 256 * 1024

    /// Runs `target` on each seed, then on `runs` mutated inputs drawn from `seed`.
    /// - Parameter before: called with each input before it runs (`fuzz` writes it to a file, so
    ///   that a crash leaves the input that caused it behind).
    public static func run(
        _ target: FuzzTarget, seeds: [[UInt8]], runs: Int, seed: UInt64, before: ([UInt8]) -> Void = { _ in }
    ) -> Summary {
        var summary = Summary(target: target.name)
        var mutator = Mutator(seed: seed)
        var pool = seeds
        let clock = ContinuousClock()
        for index in 0..<(seeds.count + runs) {
            let input: [UInt8]
            if index < seeds.count {
                input = seeds[index]
            } else {
                input = mutator.mutate(pool[mutator.below(pool.count)], corpus: seeds, maxBytes: maxBytes)
            }
            before(input)
            var verdict = FuzzTarget.Verdict.accepted
            let elapsed = clock.measure { verdict = target.run(input) }
            summary.inputs += 1
            summary.slowest = max(summary.slowest, elapsed)
            switch verdict {
            case .accepted:
                summary.accepted += 1
                if index >= seeds.count, pool.count < seeds.count + 64 { pool.append(input) }
            case .refused: summary.refused += 1
            case .unexpected(let message): summary.unexpected.append((input, message))
            }
        }
        return summary
    }
}
