/// How often and how patiently a failed call is retried: exponential backoff with full jitter.
///
/// The wait before retry `n` (1-based) is uniform in `0 ... min(cap, base × 2^(n-1))`. Full jitter
/// spreads many throttled clients (a fan-out of Lambdas all hitting one S3 prefix) over the whole
/// window instead of letting them retry in lockstep. The policy is a plain value; the random source
/// is passed in, so its bounds are testable without sleeping.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts including the first; 1 disables retries.
    public var maxAttempts: Int
    /// The ceiling of the first retry's wait.
    public var baseDelay: Duration
    /// No wait ever exceeds this.
    public var maxDelay: Duration

    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Five attempts, waits up to 0.2, 0.4, 0.8, 1.6 s: enough to ride out an S3 `SlowDown` burst
    /// without holding a Lambda for long.
    public static let standard = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(200), maxDelay: .seconds(20))

    /// The standard policy with `AWS_MAX_ATTEMPTS` attempts when the environment sets it, as the
    /// AWS SDKs read that variable.
    public static func standard(environment: [String: String]) -> RetryPolicy {
        var policy = standard
        if let attempts = environment["AWS_MAX_ATTEMPTS"].flatMap({ Int($0) }) { policy.maxAttempts = max(1, attempts) }
        return policy
    }

    /// One attempt only.
    public static let none = RetryPolicy(maxAttempts: 1, baseDelay: .zero, maxDelay: .zero)

    /// The upper bound of the wait before retry `retry` (1 for the first retry).
    public func maximumDelay(beforeRetry retry: Int) -> Duration {
        let exponent = Double(max(0, min(retry - 1, 62)))
        let seconds = min(Self.seconds(maxDelay), Self.seconds(baseDelay) * Self.power(exponent))
        return .nanoseconds(Int64((seconds * 1e9).rounded(.down)))
    }

    /// A random wait before retry `retry`, uniform in `0 ... maximumDelay(beforeRetry:)`.
    public func delay(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = Self.seconds(maximumDelay(beforeRetry: retry))
        guard ceiling > 0 else { return .zero }
        let seconds = Double.random(in: 0...ceiling, using: &generator)
        return .nanoseconds(Int64((seconds * 1e9).rounded(.down)))
    }

    /// Whether attempt number `attempt` (1-based) may be followed by another.
    public func allowsRetry(after attempt: Int) -> Bool {
        attempt < maxAttempts
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    private static func power(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }
}
