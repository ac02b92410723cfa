/// Checked, typed access to one JSON object of a definition.
///
/// Every error it raises names the state (by its path from the top) and the field, so a user can
/// find the mistake without reading the interpreter.
struct FieldReader {
    let members: [String: JSONValue]
    let stateName: String?
    /// Prepended to field names in errors, e.g. `Retry[1].` for a retrier's fields.
    let prefix: String

    init(_ value: JSONValue, stateName: String?, field: String) throws(DefinitionError) {
        guard case .object(let members) = value else {
            throw DefinitionError(stateName: stateName, field: field, message: "must be a JSON object")
        }
        self.members = members
        self.stateName = stateName
        self.prefix = field.isEmpty ? "" : field + "."
    }

    /// An error about `field` of this object; an empty `field` means the object itself.
    func error(_ field: String, _ message: String) -> DefinitionError {
        let name = field.isEmpty ? String(prefix.dropLast()) : prefix + field
        return DefinitionError(stateName: stateName, field: name, message: message)
    }

    func has(_ field: String) -> Bool { members[field] != nil }

    /// Refuses fields this object may not have, so a misspelt `"Nxt"` is caught, not ignored.
    func rejectUnknown(allowed: Set<String>, kind: String) throws(DefinitionError) {
        for key in members.keys.sorted() where !allowed.contains(key) {
            throw error(key, "is not a field of \(kind)")
        }
    }

    func string(_ field: String) throws(DefinitionError) -> String? {
        guard let value = members[field] else { return nil }
        guard case .string(let text) = value else { throw error(field, "must be a string") }
        return text
    }

    func requiredString(_ field: String) throws(DefinitionError) -> String {
        guard let text = try string(field) else { throw error(field, "is required") }
        return text
    }

    func bool(_ field: String) throws(DefinitionError) -> Bool? {
        guard let value = members[field] else { return nil }
        guard case .bool(let flag) = value else { throw error(field, "must be true or false") }
        return flag
    }

    func number(_ field: String) throws(DefinitionError) -> Double? {
        guard let value = members[field] else { return nil }
        guard let number = value.doubleValue else { throw error(field, "must be a number") }
        return number
    }

    /// An integer in `range`; the range is part of the error message.
    func integer(_ field: String, in range: ClosedRange<Int>) throws(DefinitionError) -> Int? {
        guard let value = members[field] else { return nil }
        guard let integer = value.integerValue, let exact = Int(exactly: integer), range.contains(exact) else {
            throw error(field, "must be an integer from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return exact
    }

    func array(_ field: String) throws(DefinitionError) -> [JSONValue]? {
        guard let value = members[field] else { return nil }
        guard case .array(let elements) = value else { throw error(field, "must be an array") }
        return elements
    }

    func nested(_ field: String) throws(DefinitionError) -> FieldReader? {
        guard let value = members[field] else { return nil }
        return try FieldReader(value, stateName: stateName, field: prefix + field)
    }

    func path(_ field: String) throws(DefinitionError) -> JSONPath? {
        guard let text = try string(field) else { return nil }
        do {
            return try JSONPath(parsing: text)
        } catch {
            throw self.error(field, error.message)
        }
    }

    /// `InputPath`/`OutputPath`/`ResultPath`: absent means `$`, JSON `null` means "none".
    /// - Parameter allowsContext: InputPath and OutputPath may select from the context object
    ///   (`$$...`) as on AWS; ResultPath may not.
    func nullablePath(_ field: String, allowsContext: Bool = false) throws(DefinitionError) -> JSONPath? {
        guard let value = members[field] else { return .input }
        if value == .null { return nil }
        guard let path = try path(field), path.root == .input || allowsContext else {
            throw error(field, "must be a path into the state's input ('$...')")
        }
        return path
    }

    func template(_ field: String) throws(DefinitionError) -> PayloadTemplate? {
        guard let value = members[field] else { return nil }
        do {
            return try PayloadTemplate(compiling: value, field: prefix + field)
        } catch {
            throw self.error(field, error.message)
        }
    }

    func expression(_ field: String) throws(DefinitionError) -> ValueExpression? {
        guard let text = try string(field) else { return nil }
        do {
            return try ValueExpression(parsing: text)
        } catch {
            throw self.error(field, error.message)
        }
    }

    /// Fields that come as a constant or a `...Path` twin (`MaxConcurrency`/`MaxConcurrencyPath`):
    /// at most one of the two may be given.
    func exclusive(_ field: String, _ twin: String) throws(DefinitionError) {
        if has(field) && has(twin) { throw error(twin, "cannot be combined with '\(field)'") }
    }
}
