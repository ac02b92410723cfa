/// A retrier's or catcher's `ErrorEquals` list and the ASL rules for matching it.
struct ErrorMatcher: Sendable, Hashable {
    static let all = "States.ALL"
    static let taskFailed = "States.TaskFailed"

    let names: [String]

    /// Reads the list and checks the placement rule: `States.ALL` stands alone, in the last entry.
    init(reader: FieldReader, isLast: Bool) throws(DefinitionError) {
        guard let values = try reader.array("ErrorEquals"), !values.isEmpty else {
            throw reader.error("ErrorEquals", "is required and must list at least one error name")
        }
        let names = values.compactMap(\.stringValue)
        guard names.count == values.count else { throw reader.error("ErrorEquals", "must contain only strings") }
        if names.contains(Self.all) {
            guard names.count == 1 else {
                throw reader.error("ErrorEquals", "States.ALL must be the only error name in its list")
            }
            guard isLast else { throw reader.error("ErrorEquals", "States.ALL must appear only in the last entry") }
        }
        self.names = names
    }

    /// `States.ALL` matches everything a state can recover from; `States.TaskFailed` matches
    /// any error except `States.Timeout` and the interpreter's other `States.*` failures.
    /// Terminal failures (`States.Runtime`, a cancelled execution) match nothing.
    func matches(_ failure: StateFailure) -> Bool {
        guard !failure.isTerminal else { return false }
        return names.contains { name in
            switch name {
            case Self.all: true
            case Self.taskFailed: failure.error == Self.taskFailed || !failure.error.hasPrefix("States.")
            default: name == failure.error
            }
        }
    }
}
