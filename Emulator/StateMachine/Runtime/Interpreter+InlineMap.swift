/// Inline Map states: each item runs through the ItemProcessor inside this execution, at most
/// `MaxConcurrency` at once; results keep item order. The first failed iteration cancels the
/// rest and fails the state with its own error.
extension Interpreter {
    func runInlineMap(
        _ state: State, _ spec: MapSpec, input: JSONValue, context: ContextObject, scope: Scope, path: String
    ) async throws(StateFailure) -> JSONValue {
        let effective = try state.selectInput(input, context: context)
        let pathScope = PathScope(input: effective, context: context, random: random)
        let items = try mapItems(spec, pathScope: pathScope)
        let itemInputs = try selectItems(items, spec: spec, effective: effective, context: context)
        let limit = try concurrencyLimit(spec, pathScope: pathScope)
        var outputs = [JSONValue?](repeating: nil, count: items.count)
        var firstFailure: StateFailure?
        var succeeded = 0
        scope.history.record()  // MapStateStarted
        await BoundedConcurrency.run(count: items.count, limit: limit) { index in
            var iterationScope = scope
            iterationScope.pathPrefix = "\(path)[\(index)]/"
            iterationScope.mapItemIndex = index
            scope.history.record()  // MapIterationStarted
            do throws(StateFailure) {
                let output = try await run(spec.processor, input: itemInputs[index], scope: iterationScope)
                scope.history.record()  // MapIterationSucceeded
                return Result<JSONValue, StateFailure>.success(output)
            } catch {
                return .failure(error)
            }
        } onResult: { index, result in
            switch result {
            case .success(let output):
                outputs[index] = output
                succeeded += 1
                emit(.mapProgress(name: state.name, path: path, succeeded: succeeded, failed: 0, total: items.count))
                return .proceed
            case .failure(let failure):
                firstFailure = failure
                emit(.mapProgress(name: state.name, path: path, succeeded: succeeded, failed: 1, total: items.count))
                return .cancel
            }
        }
        if let firstFailure { throw firstFailure }
        let selected = try state.applyResultSelector(.array(outputs.map { $0 ?? .null }), context: context, random: random)
        return try state.output(placing: selected, into: input, context: context)
    }

    /// The array `ItemsPath` selects from the effective input.
    func mapItems(_ spec: MapSpec, pathScope: PathScope) throws(StateFailure) -> [JSONValue] {
        let value = try pathScope.resolve(spec.itemsPath, field: "ItemsPath")
        guard case .array(let items) = value else {
            throw .runtime("The ItemsPath '\(spec.itemsPath)' must select a JSON array, got \(value.typeName) \(value)")
        }
        return items
    }

    /// Each item's input: the `ItemSelector` evaluated with `$$.Map.Item`, or the item itself.
    func selectItems(
        _ items: [JSONValue], spec: MapSpec, effective: JSONValue, context: ContextObject
    ) throws(StateFailure) -> [JSONValue] {
        guard let selector = spec.itemSelector else { return items }
        var selected: [JSONValue] = []
        selected.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            var itemContext = context
            itemContext.mapItem = ContextObject.MapItem(index: index, value: item)
            selected.append(try selector.evaluate(in: PathScope(input: effective, context: itemContext, random: random)))
        }
        return selected
    }

    /// `MaxConcurrency`, where 0 (the default) means the options' cap.
    func concurrencyLimit(_ spec: MapSpec, pathScope: PathScope) throws(StateFailure) -> Int {
        let requested = Int(try spec.maxConcurrency?.resolve(in: pathScope) ?? 0)
        return requested == 0 ? max(1, options.maxConcurrency) : requested
    }
}
