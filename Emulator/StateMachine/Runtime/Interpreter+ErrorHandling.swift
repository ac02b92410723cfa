/// Retry and Catch for Task, Parallel and Map states.
extension Interpreter {
    /// Runs `attempt` until it succeeds, no retrier applies, or a catcher takes over.
    ///
    /// Each retrier counts its own attempts. Only the first retrier whose `ErrorEquals` matches
    /// is consulted; once it is exhausted the error goes to the catchers. `$$.State.RetryCount`
    /// counts every retry of the state.
    func withErrorHandling(
        _ state: State, input: JSONValue, context: ContextObject, path: String,
        attempt: (ContextObject) async throws(StateFailure) -> JSONValue
    ) async throws(StateFailure) -> Step {
        var attemptsByRetrier = Array(repeating: 0, count: state.retriers.count)
        var context = context
        while true {
            let failure: StateFailure
            do {
                return Step(next: state.next, output: try await attempt(context))
            } catch {
                failure = Task.isCancelled ? .aborted : error
            }
            if let index = state.retriers.firstIndex(where: { $0.errors.matches(failure) }),
                attemptsByRetrier[index] < state.retriers[index].maxAttempts
            {
                attemptsByRetrier[index] += 1
                let delay = state.retriers[index].delay(beforeAttempt: attemptsByRetrier[index], random: random)
                emit(.retrying(name: state.name, path: path, attempt: attemptsByRetrier[index], delaySeconds: delay, failure))
                try await sleep(seconds: delay)
                context.retryCount += 1
                continue
            }
            guard let catcher = state.catchers.first(where: { $0.errors.matches(failure) }) else { throw failure }
            let output = try State.place(failure.errorOutput, at: catcher.resultPath, into: input, field: "Catch.ResultPath")
            emit(.caught(name: state.name, path: path, failure, next: catcher.next))
            return Step(next: catcher.next, output: output, caught: true)
        }
    }
}
