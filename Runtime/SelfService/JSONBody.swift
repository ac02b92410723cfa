#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import JSONText

/// A JSON document as the API reads requests and writes answers: any shape, so that validation
/// can name the exact field that is wrong instead of a decoder's path.
public enum JSONBody: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONBody])
    case object([String: JSONBody])

    /// Parses `bytes`; nil when they are not one JSON value.
    public init?(parsing bytes: some Collection<UInt8>) {
        guard let value = try? JSONDecoder().decode(DecodedJSON.self, from: Data(bytes)) else { return nil }
        self = value.body
    }

    public subscript(key: String) -> JSONBody? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The JSON text, object keys sorted, so an answer is always written the same way.
    public var text: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return value.isFinite ? String(value) : "null"
        case .string(let value): return JSONText.quoted(value)
        case .array(let values): return "[" + values.map(\.text).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.sorted { $0.key < $1.key }.map { JSONText.quoted($0.key) + ":" + $0.value.text }.joined(separator: ",") + "}"
        }
    }

    /// What a field's value is, as a validation message names it.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONBody {
    /// An object of the non-nil members.
    static func members(_ pairs: [(String, JSONBody?)]) -> JSONBody {
        var object: [String: JSONBody] = [:]
        for (name, value) in pairs { if let value { object[name] = value } }
        return .object(object)
    }
}

/// Decodes any JSON value through `JSONDecoder`, which FoundationEssentials has.
private struct DecodedJSON: Decodable {
    let body: JSONBody

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONBody] = [:]
            for key in container.allKeys {
                members[key.stringValue] = try container.decode(DecodedJSON.self, forKey: key).body
            }
            body = .object(members)
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var values: [JSONBody] = []
            while !container.isAtEnd { values.append(try container.decode(DecodedJSON.self).body) }
            body = .array(values)
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            body = .null
        } else if let value = try? container.decode(Bool.self) {
            body = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            body = .int(value)
        } else if let value = try? container.decode(Double.self) {
            body = .double(value)
        } else {
            body = .string(try container.decode(String.self))
        }
    }
}

private struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}
