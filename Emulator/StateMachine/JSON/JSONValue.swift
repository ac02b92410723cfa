/// A JSON document as the interpreter reads, transforms and writes it.
///
/// Integers and fractional numbers are separate cases so that a `1000` read from a Lambda's answer
/// is written back as `1000`, never `1000.0`: byte counts and ids must survive a round trip through
/// the state machine unchanged. The two number cases still compare by value (`.int(1) ==
/// .double(1)`), as JSON does. Objects are unordered; serialisation writes their keys sorted, so
/// the same value always produces the same text.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    /// The member `key` of an object; nil for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Any number as a `Double`.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// A number with no fractional part, whichever case holds it (`3` and `3.0` both qualify).
    public var integerValue: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value):
            guard value.rounded() == value, let exact = Int64(exactly: value) else { return nil }
            return exact
        default: return nil
        }
    }

    public var isNumber: Bool { doubleValue != nil }

    /// The JSON type's name, for error messages that say what was found instead.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
