/// Parallel states: every branch runs on the same input at once; the result is their outputs
/// in branch order. The first branch to fail cancels the others and fails the state with its
/// own error.
extension Interpreter {
    func runParallel(
        _ state: State, _ branches: [StateGraph], input: JSONValue, context: ContextObject, scope: Scope, path: String
    ) async throws(StateFailure) -> JSONValue {
        let effective = try state.selectInput(input, context: context)
        let branchInput = try state.applyParameters(effective, context: context, random: random)
        scope.history.record()  // ParallelStateStarted
        var outputs = [JSONValue?](repeating: nil, count: branches.count)
        var firstFailure: StateFailure?
        await BoundedConcurrency.run(count: branches.count, limit: branches.count) { index in
            var branchScope = scope
            branchScope.pathPrefix = "\(path)[\(index)]/"
            do throws(StateFailure) {
                return Result<JSONValue, StateFailure>.success(try await run(branches[index], input: branchInput, scope: branchScope))
            } catch {
                return .failure(error)
            }
        } onResult: { index, result in
            switch result {
            case .success(let output):
                outputs[index] = output
                return .proceed
            case .failure(let failure):
                firstFailure = failure
                return .cancel
            }
        }
        if let firstFailure { throw firstFailure }
        let selected = try state.applyResultSelector(.array(outputs.map { $0 ?? .null }), context: context, random: random)
        return try state.output(placing: selected, into: input, context: context)
    }
}
