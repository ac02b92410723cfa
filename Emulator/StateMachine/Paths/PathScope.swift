/// What `$` and `$$` mean while a payload template, intrinsic or Choice rule is evaluated.
struct PathScope: Sendable {
    var input: JSONValue
    var context: ContextObject
    var random: RandomSource

    /// The value `path` selects, or a `States.Runtime` failure naming `field` when it selects
    /// nothing.
    func resolve(_ path: JSONPath, field: String) throws(StateFailure) -> JSONValue {
        let document = path.root == .context ? context.json : input
        guard let value = path.select(from: document) else {
            throw .pathNotFound(path, field: field, in: document)
        }
        return value
    }

    /// The value `path` selects, or nil.
    func lookup(_ path: JSONPath) -> JSONValue? {
        path.select(from: path.root == .context ? context.json : input)
    }
}
