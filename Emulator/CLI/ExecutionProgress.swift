import Foundation
import StateMachine
import Synchronization

/// Prints an execution's progress to standard error: a line when a top-level state starts,
/// succeeds, fails, retries or is caught, and a Map's progress as done/total, at most every half
/// second and at the end. States inside Map iterations print only when they fail, and only the
/// first `innerFailureLimit` of them, so a run of a million items stays readable.
final class ExecutionProgress: Sendable {
    private struct State {
        var lastMapLine: [String: ContinuousClock.Instant] = [:]
        var innerFailures = 0
    }

    static let innerFailureLimit = 20
    private let start = ContinuousClock.now
    private let state = Mutex(State())

    func started(execution: String, stateMachine: String) {
        line("execution \(execution) of \(stateMachine) started")
    }

    func report(_ event: ExecutionEvent) {
        switch event {
        case .stateEntered(let name, let path) where Self.isTopLevel(path):
            line("\(name) started")
        case .stateSucceeded(let name, let path) where Self.isTopLevel(path):
            line("\(name) succeeded")
        case .stateFailed(let name, let path, let failure):
            inner(path, "\(name) failed: \(failure)")
        case .retrying(let name, let path, let attempt, let delay, let failure):
            inner(path, "\(name) \(failure.error); retry \(attempt) in \(String(format: "%.3g", delay)) s")
        case .caught(let name, let path, let failure, let next):
            inner(path, "\(name) \(failure.error) caught; next \(next)")
        case .mapProgress(let name, let path, let succeeded, let failed, let total) where Self.isTopLevel(path):
            let done = succeeded + failed
            let now = ContinuousClock.now
            let due = state.withLock { state in
                if done < total, let last = state.lastMapLine[name], now - last < .milliseconds(500) { return false }
                state.lastMapLine[name] = now
                return true
            }
            if due { line("\(name) \(done)/\(total) done, \(failed) failed") }
        case .executionSucceeded:
            line("execution succeeded")
        case .executionFailed(let failure):
            line("execution failed: \(failure)")
        default:
            break
        }
    }

    private func inner(_ path: String, _ text: String) {
        if Self.isTopLevel(path) { return line(text) }
        let count = state.withLock { state in
            state.innerFailures += 1
            return state.innerFailures
        }
        if count <= Self.innerFailureLimit {
            line("  \(path): \(text)")
        } else if count == Self.innerFailureLimit + 1 {
            line("  (further failures inside Map iterations are not shown; the Map's ResultWriter records them)")
        }
    }

    private func line(_ text: String) {
        let elapsed = (ContinuousClock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        StandardError.write(String(format: "[%8.2fs] ", seconds) + text)
    }

    private static func isTopLevel(_ path: String) -> Bool {
        !path.contains("/")
    }
}
