import StateMachine
import Yams

/// A template's text as one JSON tree, the form CloudFormation itself evaluates.
///
/// YAML's short forms become the long forms JSON templates use (`!Ref X` is `{"Ref": "X"}`,
/// `!Sub s` is `{"Fn::Sub": "s"}`), so the resolver knows one form only. Plain scalars are typed
/// as YAML 1.1 types them (`40` a number, `true` a boolean); quoted ones stay strings. The tree is
/// a value, so it crosses tasks, unlike YAML nodes.
enum TemplateDocument {
    /// The short-form tags CloudFormation defines, with the long-form key each stands for.
    static let shortForms: [String: String] = {
        var forms = ["!Ref": "Ref", "!Condition": "Condition"]
        for name in [
            "And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "GetAtt", "If", "ImportValue", "Join", "Length",
            "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform", "ForEach",
        ] {
            forms["!" + name] = "Fn::" + name
        }
        return forms
    }()

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Parses YAML (or JSON, which YAML reads too) into the tree; nil for an empty document.
    static func parse(_ text: String) throws(Failure) -> JSONValue? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw Failure(message: "\(error)")
        }
        return try root.map { node throws(Failure) in try value(node) }
    }

    static func value(_ node: Node) throws(Failure) -> JSONValue {
        let tag = node.tag.description
        if tag.hasPrefix("!") {
            guard let function = shortForms[tag] else {
                throw Failure(message: "\(tag) is not a CloudFormation function")
            }
            return .object([function: try untagged(node)])
        }
        return try untagged(node)
    }

    private static func untagged(_ node: Node) throws(Failure) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return node.tag.description.hasPrefix("!") ? .string(scalar.string) : typed(scalar)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try value(item)) }
            return .array(items)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, item) in mapping {
                guard let name = key.string else { throw Failure(message: "a mapping key that is not a string") }
                members[name] = try value(item)
            }
            return .object(members)
        case .alias:
            throw Failure(message: "YAML aliases are not supported in templates")
        }
    }

    private static func typed(_ scalar: Node.Scalar) -> JSONValue {
        guard scalar.style == .plain else { return .string(scalar.string) }
        let node = Node.scalar(scalar)
        switch scalar.tag.description {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case Tag.Name.int.rawValue: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
        case Tag.Name.float.rawValue: return node.float.map { .double(Double($0)) } ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }
}
