import Foundation

/// Runs state graphs: the machine itself, Parallel branches, Map iterations and child executions.
///
/// A value type holding only what every level shares; per-level facts travel in `Scope`.
struct Interpreter: Sendable {
    /// Where a graph runs: whose execution it belongs to and how its states are named in events.
    struct Scope: Sendable {
        var execution: ExecutionInfo
        /// Prepended to state names in event paths: "" at the top, "CopyAll[3]/" in an iteration.
        var pathPrefix = ""
        var mapItemIndex: Int?
        /// The execution's history event numbers, shared by its branches and inline iterations.
        var history = HistoryEventIDs()
    }

    /// Where a state sends the execution next.
    struct Step: Sendable {
        var next: String?
        var output: JSONValue
        /// True when a catcher chose `next`: the state failed, and `caught` was reported instead.
        var caught = false
    }

    let services: any StateMachineServices
    let options: ExecutionOptions
    let emit: @Sendable (ExecutionEvent) -> Void

    var random: RandomSource { options.random }

    /// Runs `graph` from `startAt` (its `StartAt` when nil) to a terminal state; returns that
    /// state's output.
    func run(_ graph: StateGraph, input: JSONValue, scope: Scope, startAt: String? = nil) async throws(StateFailure) -> JSONValue {
        var name = startAt ?? graph.startAt
        var input = input
        while true {
            guard !Task.isCancelled else { throw .aborted }
            guard let state = graph.states[name] else { throw .runtime("The state '\(name)' does not exist") }
            let path = scope.pathPrefix + state.name
            emit(.stateEntered(name: state.name, path: path))
            let enteredEventID = scope.history.record()
            let context = ContextObject(
                execution: scope.execution, stateName: state.name, enteredTime: Date(), hasRetriers: !state.retriers.isEmpty)
            let step: Step
            do throws(StateFailure) {
                step = try await execute(state, input: input, context: context, scope: scope, path: path)
                let bytes = step.output.serializedByteCount
                if bytes > StateFailure.payloadLimit { throw StateFailure.dataLimitExceeded(state: state.name, bytes: bytes) }
            } catch {
                let located = error.located(inState: state.name, enteredAt: enteredEventID)
                emit(.stateFailed(name: state.name, path: path, located))
                throw located
            }
            scope.history.record(state.kind.closingEventCount)
            // A task that shrugs off cancellation must not turn an aborted execution into a success.
            guard !Task.isCancelled else {
                emit(.stateFailed(name: state.name, path: path, .aborted))
                throw .aborted
            }
            guard let next = step.next else {
                emit(.stateSucceeded(name: state.name, path: path))
                return step.output
            }
            if !step.caught { emit(.stateSucceeded(name: state.name, path: path)) }
            if scope.pathPrefix.isEmpty { options.journal?.stateFinished(state.name, next: next, output: step.output) }
            name = next
            input = step.output
        }
    }

    private func execute(
        _ state: State, input: JSONValue, context: ContextObject, scope: Scope, path: String
    ) async throws(StateFailure) -> Step {
        switch state.kind {
        case .pass(let result):
            let value: JSONValue
            if let result {
                value = result
            } else {
                value = try state.applyParameters(state.selectInput(input, context: context), context: context, random: random)
            }
            return Step(next: state.next, output: try state.output(placing: value, into: input, context: context))
        case .succeed:
            return Step(next: nil, output: try state.selectOutput(state.selectInput(input, context: context), context: context))
        case .fail(let spec):
            throw try failure(spec, input: input, context: context)
        case .choice(let spec):
            return try choose(state, spec, input: input, context: context)
        case .wait(let spec):
            let effective = try state.selectInput(input, context: context)
            try await wait(spec, input: effective, context: context)
            return Step(next: state.next, output: try state.selectOutput(effective, context: context))
        case .task(let spec):
            return try await withErrorHandling(state, input: input, context: context, path: path) { context throws(StateFailure) in
                try await runTask(state, spec, input: input, context: context, scope: scope)
            }
        case .parallel(let branches):
            return try await withErrorHandling(state, input: input, context: context, path: path) { context throws(StateFailure) in
                try await runParallel(state, branches, input: input, context: context, scope: scope, path: path)
            }
        case .map(let spec):
            return try await withErrorHandling(state, input: input, context: context, path: path) { context throws(StateFailure) in
                switch spec.mode {
                case .inline: try await runInlineMap(state, spec, input: input, context: context, scope: scope, path: path)
                case .distributed:
                    try await runDistributedMap(state, spec, input: input, context: context, scope: scope, path: path)
                }
            }
        }
    }

    /// Sleeps for `seconds` of definition time, scaled by `timeScale`; cancellation aborts.
    func sleep(seconds: Double) async throws(StateFailure) {
        let scaled = seconds * options.timeScale
        if scaled > 0 {
            do {
                try await Task.sleep(for: .seconds(scaled))
            } catch {
                throw .aborted
            }
        }
        guard !Task.isCancelled else { throw .aborted }
    }
}
