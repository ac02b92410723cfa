import StateMachine
import Synchronization

/// Collects an execution's events for later inspection.
final class EventLog: Sendable {
    private let events = Mutex<[ExecutionEvent]>([])

    var all: [ExecutionEvent] { events.withLock { $0 } }

    func append(_ event: ExecutionEvent) { events.withLock { $0.append(event) } }

    /// `(attempt, delaySeconds)` of every retry, in order.
    var retries: [(attempt: Int, delay: Double, error: String)] {
        all.compactMap { event in
            guard case .retrying(_, _, let attempt, let delay, let failure) = event else { return nil }
            return (attempt, delay, failure.error)
        }
    }

    /// Paths of entered states, in order.
    var entered: [String] {
        all.compactMap { event in
            guard case .stateEntered(_, let path) = event else { return nil }
            return path
        }
    }
}
