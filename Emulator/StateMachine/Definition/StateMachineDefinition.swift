/// A validated Amazon States Language definition (JSONPath mode), ready to run.
///
/// Everything that can be checked without input is checked here: state types and their fields,
/// transitions and reachability, retrier ranges, `States.ALL` placement, Choice rules, paths,
/// payload templates and intrinsic calls. A definition that passes can still fail at run time
/// only because of its input or its tasks.
public struct StateMachineDefinition: Sendable {
    let graph: StateGraph

    public init(json: JSONValue) throws(DefinitionError) {
        let reader = try FieldReader(json, stateName: nil, field: "")
        graph = try StateGraph(reader: reader, location: nil)
    }

    /// The first state an execution enters.
    public var startAt: String { graph.startAt }

    /// The top-level states' names, sorted.
    public var stateNames: [String] { graph.states.keys.sorted() }
}
