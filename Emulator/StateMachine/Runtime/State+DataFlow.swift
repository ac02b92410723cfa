/// The ASL data-flow steps, in the order a state applies them:
/// InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath.
extension State {
    /// `InputPath`: what the state works on. `null` gives `{}`; a `$$` path selects from the
    /// context object.
    func selectInput(_ raw: JSONValue, context: ContextObject) throws(StateFailure) -> JSONValue {
        try select(inputPath, from: raw, context: context, field: "InputPath")
    }

    /// `Parameters`, evaluated against the effective input; without it the input passes through.
    func applyParameters(_ effective: JSONValue, context: ContextObject, random: RandomSource) throws(StateFailure) -> JSONValue {
        guard let parameters else { return effective }
        return try parameters.evaluate(in: PathScope(input: effective, context: context, random: random))
    }

    /// `ResultSelector`, evaluated against the raw result.
    func applyResultSelector(_ result: JSONValue, context: ContextObject, random: RandomSource) throws(StateFailure) -> JSONValue {
        guard let resultSelector else { return result }
        return try resultSelector.evaluate(in: PathScope(input: result, context: context, random: random))
    }

    /// `ResultPath` then `OutputPath`: the result placed into the state's original input, then
    /// filtered.
    func output(placing result: JSONValue, into raw: JSONValue, context: ContextObject) throws(StateFailure) -> JSONValue {
        try selectOutput(Self.place(result, at: resultPath, into: raw, field: "ResultPath"), context: context)
    }

    /// `OutputPath`: what the next state receives. `null` gives `{}`; a `$$` path selects from
    /// the context object.
    func selectOutput(_ combined: JSONValue, context: ContextObject) throws(StateFailure) -> JSONValue {
        try select(outputPath, from: combined, context: context, field: "OutputPath")
    }

    /// Places `value` at `path` in `raw`: nil discards it, `$` replaces `raw`.
    static func place(_ value: JSONValue, at path: JSONPath?, into raw: JSONValue, field: String) throws(StateFailure) -> JSONValue {
        guard let path else { return raw }
        guard let placed = path.assigning(value, into: raw) else {
            throw .runtime("Unable to apply \(field) '\(path)' to the input \(raw): a node on the path is not an object")
        }
        return placed
    }

    private func select(
        _ path: JSONPath?, from input: JSONValue, context: ContextObject, field: String
    ) throws(StateFailure) -> JSONValue {
        guard let path else { return .object([:]) }
        let document = path.root == .context ? context.json : input
        guard let selected = path.select(from: document) else {
            throw .runtime("Invalid path '\(path)' for the field '\(field)': no results in \(document)")
        }
        return selected
    }
}
