import Synchronization

/// The outcomes of one batch's tasks, written by the lanes as they finish.
final class TaskResults: Sendable {
    /// Where a task is: its message's place in the batch, and its own among the message's.
    struct Place: Sendable {
        var message: Int
        var task: Int
    }

    enum Result {
        /// The task's job was dispatched, or had been already (or the tick ran).
        case dispatched
        /// The task's job failed for good (an endpoint that cannot take part); the job says why.
        case failedForGood
        case settled(Router.Outcome)
    }

    private let results: Mutex<[[Result?]]>

    init(counts: [Int]) {
        results = Mutex(counts.map { Array(repeating: nil, count: $0) })
    }

    func record(_ result: Result, at place: Place) {
        results.withLock { $0[place.message][place.task] = result }
    }

    /// A message's outcome: back to the queue when one of its tasks must wait; done when one
    /// dispatched its job, or it had none to make; else dead-lettered, with a task's reason or
    /// `failure`.
    func outcome(of message: Int, failure: String) -> Router.Outcome {
        let tasks = results.withLock { $0[message] }.compactMap { $0 }
        var deadLetter: String?
        var dispatched = tasks.isEmpty
        for task in tasks {
            switch task {
            case .settled(.retry(let reason)): return .retry(reason)
            case .settled(.deadLetter(let reason)): deadLetter = deadLetter ?? reason
            case .settled(.done), .dispatched: dispatched = true
            case .failedForGood: continue
            }
        }
        return dispatched ? .done : .deadLetter(deadLetter ?? failure)
    }
}

