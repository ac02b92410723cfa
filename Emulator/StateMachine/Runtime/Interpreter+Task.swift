/// Task states: one call to the services, under the state's time limit.
extension Interpreter {
    func runTask(
        _ state: State, _ spec: TaskSpec, input: JSONValue, context: ContextObject, scope: Scope
    ) async throws(StateFailure) -> JSONValue {
        let effective = try state.selectInput(input, context: context)
        let taskInput = try state.applyParameters(effective, context: context, random: random)
        let limit = try spec.timeout?.resolve(in: PathScope(input: effective, context: context, random: random))
        let taskContext = TaskContext(
            stateName: state.name, executionName: scope.execution.name, retryCount: context.retryCount,
            mapItemIndex: scope.mapItemIndex)
        let services = self.services
        scope.history.record(2)  // …Scheduled and …Started
        defer { scope.history.record() }  // …Succeeded, …Failed or …TimedOut
        let timeout = StateFailure.timeout("The task did not finish within \(Int(limit ?? 0)) seconds (TimeoutSeconds)")
        let result = try await Deadline.run(seconds: limit, timeout: timeout) { () async throws(StateFailure) in
            try await services.invokeTask(resource: spec.resource, input: taskInput, context: taskContext)
        }
        let selected = try state.applyResultSelector(result, context: context, random: random)
        return try state.output(placing: selected, into: input, context: context)
    }
}
