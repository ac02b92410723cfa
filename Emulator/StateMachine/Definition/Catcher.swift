/// One entry of a state's `Catch` list: where to go, and where to put `{"Error", "Cause"}`.
struct Catcher: Sendable {
    let errors: ErrorMatcher
    let next: String
    /// nil when `ResultPath` is `null`: the state's input passes on unchanged.
    let resultPath: JSONPath?

    init(reader: FieldReader, isLast: Bool) throws(DefinitionError) {
        try reader.rejectUnknown(allowed: ["ErrorEquals", "Next", "ResultPath", "Comment"], kind: "a catcher")
        errors = try ErrorMatcher(reader: reader, isLast: isLast)
        next = try reader.requiredString("Next")
        resultPath = try reader.nullablePath("ResultPath")
        if let resultPath, !resultPath.isFieldReference {
            throw reader.error("ResultPath", "must name object fields only ('$.a.b'), got '\(resultPath)'")
        }
    }
}
