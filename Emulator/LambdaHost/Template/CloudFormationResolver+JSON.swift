import StateMachine
import Yams

extension CloudFormationResolver {
    /// A whole property tree as JSON: intrinsic functions resolved to strings, plain YAML scalars
    /// typed as YAML 1.1 types them (`40` a number, `true` a boolean), quoted ones kept as strings.
    func value(_ node: Node) throws(Failure) -> JSONValue {
        if isIntrinsic(node) { return .string(try string(node)) }
        switch node {
        case .scalar(let scalar):
            return Self.typed(scalar)
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

    /// A tagged node (`!Ref x`) or a one-key mapping of a known function (`{"Fn::Sub": …}`).
    private func isIntrinsic(_ node: Node) -> Bool {
        if node.tag.description.hasPrefix("!") { return true }
        guard case .mapping(let mapping) = node, mapping.count == 1, let key = mapping.first?.key.string else { return false }
        return key == "Ref" || key.hasPrefix("Fn::")
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
