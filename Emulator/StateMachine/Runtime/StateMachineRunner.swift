import Foundation

/// Runs executions of one state machine definition against a set of services.
///
/// Executions are independent and may run concurrently. An execution is an ordinary async call:
/// cancelling the calling task aborts it (failing with `Execution.Aborted`) at the next state,
/// wait or retry delay, and cancels its running tasks.
public struct StateMachineRunner: Sendable {
    private let definition: StateMachineDefinition
    private let interpreter: Interpreter

    /// - Parameters:
    ///   - onEvent: progress reports, called from whichever task the event happens on.
    public init(
        definition: StateMachineDefinition, services: any StateMachineServices, options: ExecutionOptions = .init(),
        onEvent: @escaping @Sendable (ExecutionEvent) -> Void = { _ in }
    ) {
        self.definition = definition
        interpreter = Interpreter(services: services, options: options, emit: onEvent)
    }

    /// Runs one execution to its end and returns its output or its error. With a journal opened
    /// for a redrive, `input` is the execution's original input and the run starts where the
    /// journal says the earlier one stopped.
    public func run(input: JSONValue, executionName: String) async -> Result<JSONValue, StateFailure> {
        let options = interpreter.options
        let execution = ExecutionInfo(
            id: options.executionArn(executionName), name: executionName, input: input, startTime: Date(),
            roleArn: options.roleArn, stateMachineId: options.stateMachineArn, stateMachineName: options.stateMachineName,
            redriveCount: options.journal?.progress.map { $0.redriveCount + 1 } ?? 0)
        let graph = definition.graph
        let interpreter = self.interpreter
        let resume = options.journal?.progress?.resume
        let limit = graph.timeoutSeconds.map(Double.init)
        let timeout = StateFailure.timeout("The execution did not finish within \(graph.timeoutSeconds ?? 0) seconds (TimeoutSeconds)")
        let result: Result<JSONValue, StateFailure>
        do throws(StateFailure) {
            result = .success(
                try await Deadline.run(seconds: limit, timeout: timeout) { () async throws(StateFailure) in
                    try await interpreter.run(
                        graph, input: resume?.input ?? input, scope: Interpreter.Scope(execution: execution), startAt: resume?.state)
                })
        } catch {
            result = .failure(error)
        }
        options.journal?.finished(result)
        switch result {
        case .success(let output): interpreter.emit(.executionSucceeded(output))
        case .failure(let failure): interpreter.emit(.executionFailed(failure))
        }
        return result
    }
}
