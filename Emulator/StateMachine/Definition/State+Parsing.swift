/// Reading one state from its JSON.
extension State {
    /// - Parameters:
    ///   - location: the enclosing Map or Parallel branch (`TransferAll`, `Fan[1]`), nil at the top.
    init(name: String, json: JSONValue, location: String?) throws(DefinitionError) {
        let reader = try FieldReader(json, stateName: location.map { "\($0)/\(name)" } ?? name, field: "")
        let type = try reader.requiredString("Type")
        guard let fields = Self.fieldsByType[type] else {
            throw reader.error("Type", "'\(type)' is not a state type (Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map)")
        }
        if reader.has("Assign") {
            throw reader.error("Assign", "workflow variables are not supported by this interpreter")
        }
        if let language = try reader.string("QueryLanguage"), language != "JSONPath" {
            throw reader.error("QueryLanguage", "only JSONPath is supported, got '\(language)'")
        }
        try reader.rejectUnknown(allowed: fields.union(Self.commonFields), kind: "a \(type) state")
        self.name = name
        next = try Self.transition(reader, type: type)
        inputPath = try reader.nullablePath("InputPath", allowsContext: true)
        outputPath = try reader.nullablePath("OutputPath", allowsContext: true)
        resultPath = try reader.nullablePath("ResultPath")
        if let resultPath, !resultPath.isFieldReference {
            throw reader.error("ResultPath", "must name object fields only ('$.a.b'), got '\(resultPath)'")
        }
        parameters = type == "Map" ? nil : try reader.template("Parameters")
        resultSelector = try reader.template("ResultSelector")
        retriers = try Self.list(reader, "Retry") { (entry, isLast) throws(DefinitionError) in
            try Retrier(reader: entry, isLast: isLast)
        }
        catchers = try Self.list(reader, "Catch") { (entry, isLast) throws(DefinitionError) in
            try Catcher(reader: entry, isLast: isLast)
        }
        kind = try Self.kind(type, reader: reader)
    }

    private static func kind(_ type: String, reader: FieldReader) throws(DefinitionError) -> Kind {
        switch type {
        case "Pass": return .pass(result: reader.members["Result"])
        case "Task": return .task(try TaskSpec(reader: reader))
        case "Choice": return .choice(try ChoiceSpec(reader: reader))
        case "Wait": return .wait(try WaitSpec(reader: reader))
        case "Succeed": return .succeed
        case "Fail": return .fail(try FailSpec(reader: reader))
        case "Parallel":
            guard let branches = try reader.array("Branches"), !branches.isEmpty else {
                throw reader.error("Branches", "is required and must hold at least one branch")
            }
            var graphs: [StateGraph] = []
            for (index, branch) in branches.enumerated() {
                let location = "\(reader.stateName ?? "")[\(index)]"
                let branchReader = try FieldReader(branch, stateName: reader.stateName, field: "Branches[\(index)]")
                graphs.append(try StateGraph(reader: branchReader, location: location))
            }
            return .parallel(branches: graphs)
        default:
            return .map(try MapSpec(reader: reader))
        }
    }

    private static func transition(_ reader: FieldReader, type: String) throws(DefinitionError) -> String? {
        guard !typesWithoutTransition.contains(type) else { return nil }
        let next = try reader.string("Next")
        let end = try reader.bool("End") ?? false
        switch (next, end) {
        case (nil, false): throw reader.error("Next", "a \(type) state needs either Next or \"End\": true")
        case (.some, true): throw reader.error("End", "cannot be combined with Next")
        default: return next
        }
    }

    private static func list<Entry>(
        _ reader: FieldReader, _ field: String, _ make: (FieldReader, Bool) throws(DefinitionError) -> Entry
    ) throws(DefinitionError) -> [Entry] {
        guard let values = try reader.array(field) else { return [] }
        var entries: [Entry] = []
        for (index, value) in values.enumerated() {
            let entry = try FieldReader(value, stateName: reader.stateName, field: "\(field)[\(index)]")
            entries.append(try make(entry, index == values.count - 1))
        }
        return entries
    }
}
