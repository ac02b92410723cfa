import Synchronization

/// Numbers an execution's history events as Step Functions does, so a failure can name the event
/// that entered its state ("entered at the event id #N").
///
/// `ExecutionStarted` is #1. Each state adds its `…StateEntered` and `…StateExited` events; a Task
/// adds, per attempt, its scheduled, started and succeeded-or-failed events; a Parallel adds
/// `ParallelStateStarted` and `ParallelStateSucceeded` around its branches' events; an inline Map
/// `MapStateStarted`, `MapIterationStarted` and `MapIterationSucceeded` per iteration, and
/// `MapStateSucceeded`; a Distributed Map also `MapRunStarted` and `MapRunSucceeded` (its child
/// executions have histories of their own). Concurrent branches and iterations interleave their
/// numbers as their events happen.
final class HistoryEventIDs: Sendable {
    private let last = Mutex(1)

    /// Records `count` events and returns the id of the first.
    @discardableResult
    func record(_ count: Int = 1) -> Int {
        last.withLock { last in
            last += count
            return last - count + 1
        }
    }
}

extension State.Kind {
    /// Events a state of this kind records after its own work succeeded: the closing
    /// `…Succeeded` events and `…StateExited`.
    var closingEventCount: Int {
        switch self {
        case .pass, .task, .choice, .wait, .succeed, .fail: 1
        case .parallel: 2
        case .map(let spec): spec.mode == .inline ? 2 : 3
        }
    }
}
