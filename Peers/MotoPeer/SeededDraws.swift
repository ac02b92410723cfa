import Synchronization

/// Random draws from a seed, safe to share between threads: the fault proxy's faults, a chaos
/// driver's kills.
public final class SeededDraws: Sendable {
    private let state: Mutex<UInt64>

    public init(seed: UInt64) {
        state = Mutex(seed)
    }

    /// A number in [0, 1).
    public func unit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }

    /// A number in `0..<bound` (0 when `bound` is not positive).
    public func index(below bound: Int) -> Int {
        bound > 0 ? Int(next() % UInt64(bound)) : 0
    }

    private func next() -> UInt64 {
        state.withLock { state in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
