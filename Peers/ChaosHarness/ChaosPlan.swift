/// The blows a chaos driver deals.
public enum Blow: String, CaseIterable, Sendable, Comparable {
    /// SIGKILL a running `TransferObject` of the batch's emulator, as an out-of-memory kill would.
    case function
    /// SIGKILL the batch's emulator with its functions mid-Map, as a host dies; the operator then
    /// redrives the execution.
    case emulator
    /// SIGKILL a `TransferWorker` (the pool replaces it, as ECS would).
    case worker
    /// SIGKILL the `Router` while it routes a batch of S3 events.
    case router
    /// SIGSTOP sshd and its sessions mid-transfer, then SIGCONT after the plan's stall.
    case sshdStall
    /// SIGKILL sshd and its sessions mid-transfer, then start it again on the same port.
    case sshdKill

    public static func < (lhs: Blow, rhs: Blow) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How often a blow is dealt.
public enum Pace: Sendable {
    /// At random moments, every `milliseconds` on average (a benchmark's rate).
    case every(milliseconds: Int)
    /// Exactly `count` times, at seeded moments within `seconds` of the start, each dealt as soon as
    /// its moment has come and a victim exists (a test's fixed number of blows).
    case times(Int, within: Double)
}

/// A chaos run's blows and faults, all drawn from one seed.
public struct ChaosPlan: Sendable {
    public var paces: [Blow: Pace]
    /// The share of AWS requests the fault proxy answers with 503, 500 or a reset.
    public var faultRate: Double
    /// How long a stalled sshd stays stopped.
    public var stallSeconds: Double
    /// Blows are dealt only this many seconds from the start, as an outage has an end, and the
    /// engine then recovers before the ground truth is checked; nil deals them until the load ends.
    /// The fault rate holds for the whole run.
    public var blowSeconds: Double?
    public var seed: UInt64

    public init(paces: [Blow: Pace], faultRate: Double, stallSeconds: Double = 3, blowSeconds: Double? = nil, seed: UInt64) {
        self.paces = paces
        self.faultRate = faultRate
        self.stallSeconds = stallSeconds
        self.blowSeconds = blowSeconds
        self.seed = seed
    }
}
