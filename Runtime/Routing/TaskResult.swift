/// What became of one task of a batch, as its lane answers it.
enum TaskResult: Sendable {
    /// The task's job was dispatched, or had been already (or the tick ran).
    case dispatched
    /// The task's job failed for good (an endpoint that cannot take part); the job says why.
    case failedForGood
    case settled(Router.Outcome)

    /// Where a task is: its message's place in the batch, and its own among the message's.
    struct Place: Sendable {
        var message: Int
        var task: Int
    }

    /// A message's outcome of its tasks' results: back to the queue when one of them must wait;
    /// done when one dispatched its job, or it had none to make; else dead-lettered, with a task's
    /// reason or `failure`.
    static func outcome(of tasks: [TaskResult], failure: String) -> Router.Outcome {
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
