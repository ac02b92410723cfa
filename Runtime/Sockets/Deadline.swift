/// The moment an operation must be finished by, turned into `poll` timeouts.
public struct Deadline: Sendable {
    public let instant: ContinuousClock.Instant

    public init(after timeout: Duration) {
        instant = ContinuousClock.now.advanced(by: timeout)
    }

    public var hasPassed: Bool { ContinuousClock.now >= instant }

    /// Milliseconds left, rounded up so a wait never ends just short of the deadline; 0 when past.
    public var remainingMilliseconds: Int32 {
        let left = ContinuousClock.now.duration(to: instant)
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
