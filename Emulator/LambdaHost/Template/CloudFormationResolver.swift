import Foundation
import Yams

/// Resolves the CloudFormation intrinsic functions a function's settings use (`!Ref`, `!Sub`,
/// `!GetAtt`, `!Join`, `!If`-free forms) to the strings the function sees locally.
///
/// Resources answer with their local physical names (see ``LocalResource``): `!Ref Bucket` is the
/// bucket's name, `!Ref Topic` its ARN, `!GetAtt Function.Arn` a Lambda ARN, as on AWS.
struct CloudFormationResolver: Sendable {
    let parameters: [String: String]
    let resources: [String: LocalResource]
    let region: String
    let stackName: String
    static let accountID = "123456789012"

    struct Failure: Error {
        let message: String
    }

    func string(_ node: Node) throws(Failure) -> String {
        switch node {
        case .scalar(let scalar):
            switch node.tag.description {
            case "!Ref": return try reference(scalar.string)
            case "!Sub": return try substitute(scalar.string, variables: [:])
            case "!GetAtt": return try attribute(scalar.string)
            default: return scalar.string
            }
        case .sequence(let sequence):
            switch node.tag.description {
            case "!Sub":
                guard let template = sequence.first?.string else { throw Failure(message: "!Sub needs a string") }
                var variables: [String: String] = [:]
                for (key, value) in sequence.dropFirst().first?.mapping ?? [:] {
                    if let name = key.string { variables[name] = try string(value) }
                }
                return try substitute(template, variables: variables)
            case "!Join":
                guard sequence.count == 2, let separator = sequence[0].string, let parts = sequence[1].sequence else {
                    throw Failure(message: "!Join needs [separator, [values]]")
                }
                var resolved: [String] = []
                for part in parts { resolved.append(try string(part)) }
                return resolved.joined(separator: separator)
            case "!GetAtt":
                return try attribute(sequence.compactMap(\.string).joined(separator: "."))
            default:
                throw Failure(message: "a list where a single value is expected")
            }
        case .mapping(let mapping) where mapping.count == 1:
            let (key, value) = mapping.first!
            guard let function = key.string else { break }
            let tagged: Node
            switch (function, value) {
            case ("Ref", .scalar(let s)), ("Fn::Sub", .scalar(let s)), ("Fn::GetAtt", .scalar(let s)):
                tagged = .scalar(.init(s.string, Tag(Tag.Name(rawValue: shortTag(function)))))
            case ("Fn::Sub", .sequence(let s)), ("Fn::Join", .sequence(let s)), ("Fn::GetAtt", .sequence(let s)):
                tagged = .sequence(.init(Array(s), Tag(Tag.Name(rawValue: shortTag(function)))))
            default:
                throw Failure(message: "\(function) is not supported locally")
            }
            return try string(tagged)
        default:
            break
        }
        throw Failure(message: "a structure where a single value is expected")
    }

    private func shortTag(_ function: String) -> String {
        "!" + (function.hasPrefix("Fn::") ? String(function.dropFirst(4)) : function)
    }

    private func reference(_ name: String) throws(Failure) -> String {
        switch name {
        case "AWS::Region": return region
        case "AWS::AccountId": return Self.accountID
        case "AWS::Partition": return "aws"
        case "AWS::StackName": return stackName
        case "AWS::URLSuffix": return "amazonaws.com"
        case "AWS::NoValue": return ""
        default: break
        }
        if let value = parameters[name] { return value }
        if let resource = resources[name] { return resource.reference }
        throw Failure(message: "!Ref \(name) names no parameter with a value and no resource")
    }

    private func attribute(_ path: String) throws(Failure) -> String {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let resource = resources[parts[0]] else {
            throw Failure(message: "!GetAtt \(path) names no resource of the template")
        }
        guard let value = resource.attribute(parts[1]) else {
            throw Failure(message: "!GetAtt \(path): \(resource.type) has no attribute \(parts[1]) locally")
        }
        return value
    }

    /// `${Name}` replaced by its variable, parameter, pseudo parameter or resource; `${!Literal}` kept.
    private func substitute(_ template: String, variables: [String: String]) throws(Failure) -> String {
        var output = ""
        var rest = Substring(template)
        while let open = rest.range(of: "${") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw Failure(message: "!Sub has an unclosed ${ in \(template)")
            }
            let name = String(rest[open.upperBound..<close])
            if name.hasPrefix("!") {
                output += "${" + name.dropFirst() + "}"
            } else if let value = variables[name] {
                output += value
            } else if name.contains(".") {
                output += try attribute(name)
            } else {
                output += try reference(name)
            }
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }
}
