/// A set of states with an entry point: the whole machine, a Parallel branch or a Map's
/// ItemProcessor.
struct StateGraph: Sendable {
    let startAt: String
    let states: [String: State]
    /// The machine-level `TimeoutSeconds`; only the top-level graph has one.
    let timeoutSeconds: Int?

    /// - Parameters:
    ///   - location: the enclosing state's path for nested graphs, nil for the machine itself.
    ///   - allowsProcessorConfig: true for a Map's ItemProcessor, which may carry `ProcessorConfig`.
    init(reader: FieldReader, location: String?, allowsProcessorConfig: Bool = false) throws(DefinitionError) {
        var allowed: Set<String> = ["StartAt", "States", "Comment"]
        if location == nil { allowed.formUnion(["Version", "TimeoutSeconds", "QueryLanguage"]) }
        if allowsProcessorConfig { allowed.insert("ProcessorConfig") }
        try reader.rejectUnknown(allowed: allowed, kind: location == nil ? "a state machine" : "a nested state machine")
        if let language = try reader.string("QueryLanguage"), language != "JSONPath" {
            throw reader.error("QueryLanguage", "only JSONPath is supported, got '\(language)'")
        }
        startAt = try reader.requiredString("StartAt")
        guard let statesReader = try reader.nested("States"), !statesReader.members.isEmpty else {
            throw reader.error("States", "is required and must hold at least one state")
        }
        var states: [String: State] = [:]
        for (name, json) in statesReader.members.sorted(by: { $0.key < $1.key }) {
            guard !name.isEmpty, name.count <= 80 else {
                throw reader.error("States", "state names must be 1 to 80 characters, got '\(name)'")
            }
            states[name] = try State(name: name, json: json, location: location)
        }
        self.states = states
        timeoutSeconds = try reader.integer("TimeoutSeconds", in: 1...99_999_999)
        try validateTransitions(reader: reader, location: location)
    }
}
