/// Where a job is in its life. States only move forward: a job never returns to an earlier state,
/// and a final state is never left.
///
/// `RECEIVED → QUEUED → RUNNING → VERIFYING → SUCCEEDED | FAILED`, and `CANCELLED` from
/// `RECEIVED`, `QUEUED` or `RUNNING` (an executor honours it between parts).
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable {
    case received = "RECEIVED"
    case queued = "QUEUED"
    case running = "RUNNING"
    case verifying = "VERIFYING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case cancelled = "CANCELLED"

    public var isFinal: Bool { self == .succeeded || self == .failed || self == .cancelled }

    /// The states a job may be in for a move to this one. `RUNNING` may follow `RUNNING`: an
    /// executor that died is followed by another attempt, which counts itself.
    public var allowedPredecessors: [JobState] {
        switch self {
        case .received: []
        case .queued: [.received]
        case .running: [.queued, .running]
        case .verifying: [.running]
        case .succeeded: [.verifying]
        case .failed: [.received, .queued, .running, .verifying]
        case .cancelled: [.received, .queued, .running]
        }
    }
}
