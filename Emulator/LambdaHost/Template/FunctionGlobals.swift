import StateMachine

/// `Globals.Function` applied to a function's own properties, as SAM applies it.
///
/// A property the function sets wins; mappings (`Environment`, `Tags`) are merged key by key
/// and lists (`Layers`) are concatenated, globals first. An intrinsic function is a single value,
/// never merged. `IgnoreGlobals` on the resource leaves out every global (`'*'`) or the ones it
/// lists.
enum FunctionGlobals {
    static func apply(_ globals: [String: JSONValue], to properties: [String: JSONValue], ignoring: JSONValue?) -> [String: JSONValue] {
        var applied = globals
        if ignoring?.stringValue == "*" { return properties }
        for name in ignoring?.arrayValue?.compactMap(\.stringValue) ?? [] { applied[name] = nil }
        for (name, value) in properties {
            applied[name] = applied[name].map { merge(global: $0, local: value) } ?? value
        }
        return applied
    }

    private static func merge(global: JSONValue, local: JSONValue) -> JSONValue {
        switch (global, local) {
        case (.object(let outer), .object(let inner)) where !isFunction(global) && !isFunction(local):
            var merged = outer
            for (name, value) in inner { merged[name] = merged[name].map { merge(global: $0, local: value) } ?? value }
            return .object(merged)
        case (.array(let outer), .array(let inner)):
            return .array(outer + inner)
        default:
            return local
        }
    }

    private static func isFunction(_ value: JSONValue) -> Bool {
        guard let members = value.objectValue, members.count == 1, let key = members.keys.first else { return false }
        return CloudFormationResolver.isFunction(key)
    }
}
