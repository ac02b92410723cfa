import Foundation

/// Distributed Map states: each item (or batch) runs as a child execution of its own.
///
/// Failures are counted, not fatal, until they pass `ToleratedFailureCount` or
/// `ToleratedFailurePercentage` (both 0 by default); then no further children start and the
/// state fails with `States.ExceedToleratedFailureThreshold` once those running have finished.
extension Interpreter {
    func runDistributedMap(
        _ state: State, _ spec: MapSpec, input: JSONValue, context: ContextObject, scope: Scope, path: String
    ) async throws(StateFailure) -> JSONValue {
        let effective = try state.selectInput(input, context: context)
        let pathScope = PathScope(input: effective, context: context, random: random)
        scope.history.record(2)  // MapStateStarted, MapRunStarted
        let items = try await readItems(spec, pathScope: pathScope)
        let selected = try selectItems(items, spec: spec, effective: effective, context: context)
        let childInputs = try batchInputs(selected, spec: spec, pathScope: pathScope)
        let tolerance = try FailureTolerance(spec, pathScope: pathScope, itemCount: items.count)
        let run = MapRun(label: spec.label ?? state.name, executionType: spec.executionType, options: options)
        let children = await runChildren(
            childInputs, processor: spec.processor, run: run, limit: try concurrencyLimit(spec, pathScope: pathScope),
            tolerance: tolerance, state: state, path: path)

        var result: JSONValue = .array(children.map { child in
            if case .success(let output) = child.outcome { return output }
            return child.resultEntry(stateMachineArn: run.childStateMachineArn)
        })
        if let writer = spec.resultWriter {
            result = try await writeResults(children, writer: writer, run: run, pathScope: pathScope)
        }
        let failedItems = children.filter { !$0.succeeded }.reduce(0) { $0 + $1.itemCount }
        if tolerance.isExceeded(failedItems: failedItems) {
            throw StateFailure(
                error: "States.ExceedToleratedFailureThreshold",
                cause: "The specified tolerated failure threshold was exceeded: \(failedItems) of \(items.count) items failed"
                    + " (\(tolerance))")
        }
        let selectedResult = try state.applyResultSelector(result, context: context, random: random)
        return try state.output(placing: selectedResult, into: input, context: context)
    }

    /// Item inputs after `ItemBatcher`, with the item count each stands for.
    private func batchInputs(
        _ items: [JSONValue], spec: MapSpec, pathScope: PathScope
    ) throws(StateFailure) -> [(input: JSONValue, itemCount: Int)] {
        guard let batcher = spec.itemBatcher else { return items.map { ($0, 1) } }
        let maxItems = try batcher.maxItems.map { (setting) throws(StateFailure) in Int(try setting.resolve(in: pathScope)) }
        let maxBytes = try batcher.maxBytes.map { (setting) throws(StateFailure) in Int(try setting.resolve(in: pathScope)) }
        let batchInput = try batcher.batchInput?.evaluate(in: pathScope)
        return ItemBatching.batches(items, maxItems: maxItems, maxBytes: maxBytes, batchInput: batchInput).map { batch in
            (ItemBatching.input(items: batch, batchInput: batchInput), batch.count)
        }
    }

    /// Runs the children, at most `limit` at a time; returns those that ran, in item order.
    private func runChildren(
        _ inputs: [(input: JSONValue, itemCount: Int)], processor: StateGraph, run: MapRun, limit: Int,
        tolerance: FailureTolerance, state: State, path: String
    ) async -> [ChildExecution] {
        let totalItems = inputs.reduce(0) { $0 + $1.itemCount }
        var children = [ChildExecution?](repeating: nil, count: inputs.count)
        var (succeededItems, failedItems) = (0, 0)
        await BoundedConcurrency.run(count: inputs.count, limit: limit) { index in
            await runChild(index: index, input: inputs[index].input, itemCount: inputs[index].itemCount,
                           processor: processor, run: run, path: path)
        } onResult: { index, child in
            children[index] = child
            if child.succeeded { succeededItems += child.itemCount } else { failedItems += child.itemCount }
            emit(.mapProgress(name: state.name, path: path, succeeded: succeededItems, failed: failedItems, total: totalItems))
            return tolerance.isExceeded(failedItems: failedItems) ? .drain : .proceed
        }
        return children.compactMap { $0 }
    }

    /// Runs child `index`, unless an earlier run of a redriven execution finished it; a child of a
    /// top-level Map that succeeds is journaled.
    private func runChild(
        index: Int, input: JSONValue, itemCount: Int, processor: StateGraph, run: MapRun, path: String
    ) async -> ChildExecution {
        let journaled = path.contains("/") ? nil : options.journal
        if let done = journaled?.succeededChild(state: path, index: index) {
            return ChildExecution(
                name: done.name, arn: run.childArn(done.name), input: input, itemCount: itemCount, startDate: done.startDate,
                stopDate: done.stopDate, outcome: .success(done.output))
        }
        let child = await runNewChild(index: index, input: input, itemCount: itemCount, processor: processor, run: run, path: path)
        if case .success(let output) = child.outcome {
            journaled?.childSucceeded(
                state: path, index: index,
                child: ExecutionJournal.Child(name: child.name, output: output, startDate: child.startDate, stopDate: child.stopDate))
        }
        return child
    }

    private func runNewChild(
        index: Int, input: JSONValue, itemCount: Int, processor: StateGraph, run: MapRun, path: String
    ) async -> ChildExecution {
        let name = UUID().uuidString.lowercased()
        let startDate = Date()
        let execution = ExecutionInfo(
            id: run.childArn(name), name: name, input: input, startTime: startDate, roleArn: options.roleArn,
            stateMachineId: run.childStateMachineArn, stateMachineName: run.childStateMachineName)
        let scope = Scope(execution: execution, pathPrefix: "\(path)[\(index)]/", mapItemIndex: index)
        let outcome: Result<JSONValue, StateFailure>
        do throws(StateFailure) {
            outcome = .success(try await self.run(processor, input: input, scope: scope))
        } catch {
            outcome = .failure(error)
        }
        return ChildExecution(
            name: name, arn: run.childArn(name), input: input, itemCount: itemCount, startDate: startDate, stopDate: Date(),
            outcome: outcome)
    }
}
