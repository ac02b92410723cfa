import StateMachine
import Synchronization

/// A task handler that fails with the given errors, in order, then succeeds with `success`.
final class ScriptedTask: Sendable {
    private let remaining: Mutex<[String]>
    private let success: JSONValue

    init(failures: [String], success: JSONValue = "done") {
        remaining = Mutex(failures)
        self.success = success
    }

    var handler: InMemoryServices.Handler {
        { _, _ throws(StateFailure) in
            if let error = self.remaining.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                throw StateFailure(error: error, cause: "scripted \(error)")
            }
            return self.success
        }
    }
}
