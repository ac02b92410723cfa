import Synchronization

/// The randomness behind FULL retry jitter and `States.MathRandom`.
///
/// Seeded, it replays the same sequence (SplitMix64), so tests can assert jittered delays. One
/// source is shared by every copy of the `ExecutionOptions` holding it; concurrent branches draw
/// from it in whatever order they reach it.
public final class RandomSource: Sendable {
    private let state: Mutex<UInt64>

    /// A source seeded from the system generator.
    public convenience init() {
        self.init(seed: UInt64.random(in: .min ... .max))
    }

    public init(seed: UInt64) {
        state = Mutex(seed)
    }

    /// The next value, uniform in `0..<1`.
    public func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    func next() -> UInt64 {
        state.withLock { state in
            state &+= 0x9E37_79B9_7F4A_7C15
            return Self.mix(state)
        }
    }

    /// SplitMix64's output function: also the whole generator for a seeded `States.MathRandom`,
    /// which must return the same number for the same seed.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
