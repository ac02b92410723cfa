import Foundation
import StateMachine

extension CloudFormationResolver {
    /// `Fn::Sub: text` or `[text, {Name: value}]`: each `${Name}` replaced by its variable, a
    /// parameter, a pseudo parameter or a resource, `${Resource.Attribute}` by the attribute;
    /// `${!Literal}` is written as `${Literal}`.
    func substitute(_ argument: JSONValue) throws(Failure) -> String {
        let template: String
        var variables: [String: String] = [:]
        if let text = argument.stringValue {
            template = text
        } else if let items = argument.arrayValue, items.count == 2, let text = items[0].stringValue, let map = items[1].objectValue {
            template = text
            for (name, value) in map {
                variables[name] = try self.text(try required(value, in: "Fn::Sub variable \(name)"))
            }
        } else {
            throw Failure(message: "Fn::Sub needs a string or [string, {Name: value}]")
        }
        var output = ""
        var rest = Substring(template)
        while let open = rest.range(of: "${") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw Failure(message: "Fn::Sub has an unclosed ${ in \(template)")
            }
            let name = String(rest[open.upperBound..<close])
            if name.hasPrefix("!") {
                output += "${" + name.dropFirst() + "}"
            } else if let value = variables[name] {
                output += value
            } else if name.contains("."), !name.hasPrefix("AWS::") {
                output += try attribute(.string(name))
            } else {
                output += try variable(name)
            }
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    /// `${Name}` outside the variable map: what `Ref Name` gives, which must be a single value.
    private func variable(_ name: String) throws(Failure) -> String {
        guard let value = try evaluate(.object(["Ref": .string(name)])) else {
            throw Failure(message: "Fn::Sub cannot use ${AWS::NoValue}")
        }
        guard value.arrayValue == nil else {
            throw Failure(message: "Fn::Sub cannot use the list parameter ${\(name)}: join it first with Fn::Join")
        }
        return try text(value)
    }
}
