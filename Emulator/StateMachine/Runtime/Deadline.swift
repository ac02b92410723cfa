/// Time limits for tasks and whole executions.
enum Deadline {
    /// Runs `operation`, but gives up with `timeout` after `seconds`, or with
    /// `StateFailure.aborted` when the calling task is cancelled.
    ///
    /// The operation runs in its own task and is cancelled, not awaited, when the race is lost:
    /// a Lambda that ignores cancellation must not hold a timed-out state open.
    static func run<Value: Sendable>(
        seconds: Double?, timeout: StateFailure,
        _ operation: @escaping @Sendable () async throws(StateFailure) -> Value
    ) async throws(StateFailure) -> Value {
        guard let seconds else { return try await operation() }
        let outcome = FirstOutcome<Result<Value, StateFailure>>()
        let work = Task {
            do throws(StateFailure) {
                outcome.deliver(.success(try await operation()))
            } catch {
                outcome.deliver(.failure(error))
            }
        }
        let timer = Task {
            try? await Task.sleep(for: .seconds(seconds))
            if !Task.isCancelled { outcome.deliver(.failure(timeout)) }
        }
        let result = await withTaskCancellationHandler {
            await outcome.wait()
        } onCancel: {
            outcome.deliver(.failure(.aborted))
        }
        work.cancel()
        timer.cancel()
        return try result.get()
    }
}
