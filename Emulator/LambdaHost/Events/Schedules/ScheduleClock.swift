public import Foundation

/// The time schedules run on: the wall clock, or one that runs `scale` times faster from a given
/// instant, so a test sees a day of `rate(1 hour)` in seconds and each event still names the
/// instant it was due. Retries wait on one too (``EventPlane``'s `retryClock`).
public struct ScheduleClock: Sendable {
    let start: Date
    let scale: Double
    private let began = ContinuousClock.now

    /// - Parameters:
    ///   - start: the clock's time now.
    ///   - scale: how many seconds pass on it per real second.
    public init(start: Date = Date(), scale: Double = 1) {
        self.start = start
        self.scale = scale
    }

    public var now: Date {
        let elapsed = ContinuousClock.now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds * scale)
    }

    /// Sleeps until the clock shows `instant` (or the task is cancelled).
    public func sleep(until instant: Date) async throws {
        let wait = instant.timeIntervalSince(now) / scale
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int64(wait * 1000))) }
    }
}
