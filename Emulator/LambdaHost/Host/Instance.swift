import NIOCore

/// One running copy of a function: its process, its Runtime API endpoint and where it is in its life.
///
/// ```
/// starting ──/next──▶ idle ──invocation──▶ busy ──response/error──▶ finishing ──/next──▶ idle
///     │                                     │
///     └──init error / exit──▶ gone          └──timeout──▶ stopping ──exit──▶ gone
/// ```
struct Instance {
    enum Phase: Equatable {
        /// Started; has not asked for its first invocation yet.
        case starting(since: ContinuousClock.Instant)
        case idle
        /// Running the invocation with this request id.
        case busy(String)
        /// Has answered; its `/next` is on the way, so it counts as capacity about to be free.
        case finishing
        /// Killed; waiting for the process to be reaped.
        case stopping
    }

    let id: Int
    var phase: Phase
    var process: HostedProcess?
    var server: RuntimeAPIServer.Running?
    /// Time from start to the first `/next`, reported once in the REPORT of its first invocation.
    var initDuration: Duration?
    var reportInitDuration = false
    /// The body of a `/runtime/init/error`, if the function sent one.
    var initError: [UInt8]?
    var invocations = 0
}

/// An invocation an instance is running.
struct RunningInvocation {
    let invocation: PendingInvocation
    let instance: Int
    let started: ContinuousClock.Instant
    let timeout: Scheduled<Void>
}

/// An invocation handed to an instance's `/next`, with what its headers need.
struct Assignment: Sendable {
    let invocation: PendingInvocation
    let deadlineMilliseconds: Int64
    let functionARN: String
    let traceID: String
}

/// What the host measured of a function's instances that have ended.
public struct PoolStatistics: Sendable {
    public var exitedInstances = 0
    public var invocations = 0
    public var cpuTime: Duration = .zero
    /// Time from process start to its first `/next`, one entry per instance.
    public var initDurations: [Duration] = []
}
