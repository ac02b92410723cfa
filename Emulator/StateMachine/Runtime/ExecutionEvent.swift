/// What an execution reports as it runs, for progress output.
///
/// `path` places a state in the nesting: `CopyAll` at the top, `CopyAll[17]/CopyObject` inside
/// iteration 17 of the Map `CopyAll`, `Fan[1]/Notify` inside branch 1 of the Parallel `Fan`. A
/// receiver that only wants top-level progress can ignore paths containing `/`. Events arrive
/// from concurrent iterations in no fixed order; the handler must be quick and thread-safe.
public enum ExecutionEvent: Sendable {
    case stateEntered(name: String, path: String)
    case stateSucceeded(name: String, path: String)
    case stateFailed(name: String, path: String, StateFailure)
    /// `attempt` counts the retries of the matching retrier (1 for its first); `delaySeconds` is
    /// the wait the definition asks for, before `timeScale`.
    case retrying(name: String, path: String, attempt: Int, delaySeconds: Double, StateFailure)
    case caught(name: String, path: String, StateFailure, next: String)
    /// After each finished Map iteration (or child execution); counts are items.
    case mapProgress(name: String, path: String, succeeded: Int, failed: Int, total: Int)
    case executionSucceeded(JSONValue)
    case executionFailed(StateFailure)
}
