import Foundation

/// One entry of a state's `Retry` list, with AWS's defaults and limits.
struct Retrier: Sendable, Hashable {
    enum Jitter: String, Sendable, Hashable {
        case full = "FULL"
        case none = "NONE"
    }

    /// `MaxDelaySeconds`' upper limit.
    static let delayCeiling = 31_622_401

    let errors: ErrorMatcher
    let intervalSeconds: Int
    let maxAttempts: Int
    let backoffRate: Double
    let maxDelaySeconds: Int?
    let jitter: Jitter

    init(reader: FieldReader, isLast: Bool) throws(DefinitionError) {
        try reader.rejectUnknown(
            allowed: ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy",
                      "Comment"],
            kind: "a retrier")
        errors = try ErrorMatcher(reader: reader, isLast: isLast)
        intervalSeconds = try reader.integer("IntervalSeconds", in: 1...99_999_999) ?? 1
        maxAttempts = try reader.integer("MaxAttempts", in: 0...99_999_999) ?? 3
        let backoff = try reader.number("BackoffRate") ?? 2.0
        guard backoff >= 1.0 else { throw reader.error("BackoffRate", "must be at least 1.0, got \(backoff)") }
        backoffRate = backoff
        maxDelaySeconds = try reader.integer("MaxDelaySeconds", in: 1...Self.delayCeiling)
        let strategy = try reader.string("JitterStrategy") ?? "NONE"
        guard let jitter = Jitter(rawValue: strategy) else {
            throw reader.error("JitterStrategy", "must be FULL or NONE, got '\(strategy)'")
        }
        self.jitter = jitter
    }

    /// The wait before retry number `attempt` (1-based) of this retrier, in definition seconds:
    /// `IntervalSeconds × BackoffRate^(attempt-1)`, capped by `MaxDelaySeconds`, then for FULL
    /// jitter a uniform draw between 0 and that value. Without `MaxDelaySeconds` the wait is still
    /// held to that field's largest value (about a year), so a long backoff cannot overflow.
    func delay(beforeAttempt attempt: Int, random: RandomSource) -> Double {
        var delay = Double(intervalSeconds) * pow(backoffRate, Double(attempt - 1))
        delay = min(delay, Double(maxDelaySeconds ?? Self.delayCeiling))
        if jitter == .full { delay *= random.nextUnit() }
        return delay
    }
}
