import StateMachine

/// Evaluates CloudFormation's intrinsic functions, conditions and dynamic references in a
/// template value, giving what the resource sees when the stack is created locally.
///
/// Every function CloudFormation has is known, in the long form (the short `!Ref` forms became
/// long ones in ``TemplateDocument``): `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, `Fn::Select`,
/// `Fn::Split`, `Fn::FindInMap`, `Fn::Base64`, `Fn::GetAZs`, `Fn::Cidr`, `Fn::If` and the condition
/// functions; `Fn::Length` and `Fn::ToJsonString` under the `AWS::LanguageExtensions` transform.
/// `Ref AWS::NoValue` removes the property or list item it stands for, as CloudFormation does.
/// What only exists in a deployed account (`Fn::ImportValue` without a value given, macros) is
/// refused by name.
///
/// Resources answer with their local physical names (see ``LocalResource``): `!Ref Bucket` is the
/// bucket's name, `!Ref Topic` its ARN, `!GetAtt Function.Arn` a Lambda ARN, as on AWS.
struct CloudFormationResolver: Sendable {
    var parameters: [String: ParameterValue] = [:]
    /// The resources the stack creates (their `Condition`, if any, is true).
    var resources: [String: LocalResource] = [:]
    /// Resources left out because their `Condition` is false, with that condition's name.
    var omitted: [String: String] = [:]
    /// The `Conditions` section, evaluated; a condition that could not be is absent.
    var conditions: [String: Bool] = [:]
    var mappings: [String: JSONValue] = [:]
    var region = "us-east-1"
    var stackName = SAMTemplate.defaultStackName
    /// Whether the template declares `AWS::LanguageExtensions`, which adds `Fn::Length`,
    /// `Fn::ToJsonString` and `Fn::FindInMap`'s `DefaultValue`.
    var languageExtensions = false
    /// `Fn::ImportValue` answers, given on the command line.
    var importValues: [String: String] = [:]
    var references: (any DynamicReferenceSource)?

    static let accountID = "123456789012"

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// A value as the resource sees it: functions evaluated, then dynamic references read; nil
    /// when the whole value is `AWS::NoValue`.
    func resolve(_ value: JSONValue) throws(Failure) -> JSONValue? {
        guard let evaluated = try evaluate(value) else { return nil }
        return try readingDynamicReferences(in: evaluated)
    }

    /// A value that must be a single string (a number or boolean counts, as its text).
    func string(_ value: JSONValue) throws(Failure) -> String {
        guard let resolved = try resolve(value) else {
            throw Failure(message: "Ref AWS::NoValue where a value is required")
        }
        return try text(resolved)
    }

    /// Evaluates every function in `value`, leaving dynamic references as they are.
    func evaluate(_ value: JSONValue) throws(Failure) -> JSONValue? {
        switch value {
        case .object(let members):
            if members.count == 1, let (key, argument) = members.first, Self.isFunction(key) {
                return try call(key, argument)
            }
            var evaluated: [String: JSONValue] = [:]
            for (key, member) in members {
                if let result = try evaluate(member) { evaluated[key] = result }
            }
            return .object(evaluated)
        case .array(let items):
            var evaluated: [JSONValue] = []
            for item in items {
                if let result = try evaluate(item) { evaluated.append(result) }
            }
            return .array(evaluated)
        default:
            return value
        }
    }

    static func isFunction(_ key: String) -> Bool {
        key == "Ref" || key.hasPrefix("Fn::")
    }

    private func call(_ function: String, _ argument: JSONValue) throws(Failure) -> JSONValue? {
        switch function {
        case "Ref": return try reference(argument)
        case "Fn::GetAtt": return .string(try attribute(argument))
        case "Fn::Sub": return .string(try substitute(argument))
        case "Fn::Join": return .string(try join(argument))
        case "Fn::Select": return try select(argument)
        case "Fn::Split": return try split(argument)
        case "Fn::FindInMap": return try findInMap(argument)
        case "Fn::Base64": return .string(try base64(argument))
        case "Fn::GetAZs": return try availabilityZones(argument)
        case "Fn::Cidr": return try cidr(argument)
        case "Fn::If": return try choose(argument)
        case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not": return .bool(try condition(function, argument))
        case "Fn::Length": return try length(argument)
        case "Fn::ToJsonString": return try jsonString(argument)
        case "Fn::ImportValue": return .string(try importValue(argument))
        case "Fn::Transform":
            let name = argument["Name"]?.stringValue ?? "a macro"
            throw Failure(message: "Fn::Transform (\(name)) is not expanded locally: macros and AWS::Include run only in CloudFormation")
        case "Fn::ForEach":
            throw Failure(message: "Fn::ForEach is not expanded locally")
        default:
            throw Failure(message: "\(function) is not a CloudFormation function")
        }
    }

    /// `Ref`: a pseudo parameter, a parameter or a resource.
    private func reference(_ argument: JSONValue) throws(Failure) -> JSONValue? {
        let name = try text(try required(argument, in: "Ref"))
        switch name {
        case "AWS::NoValue": return nil
        case "AWS::Region": return .string(region)
        case "AWS::AccountId": return .string(Self.accountID)
        case "AWS::Partition": return .string("aws")
        case "AWS::StackName": return .string(stackName)
        case "AWS::StackId":
            return .string("arn:aws:cloudformation:\(region):\(Self.accountID):stack/\(stackName)/00000000-0000-0000-0000-000000000000")
        case "AWS::URLSuffix": return .string("amazonaws.com")
        case "AWS::NotificationARNs": return .array([])
        default: break
        }
        if let parameter = parameters[name] {
            if case .unavailable(let reason) = parameter { throw Failure(message: reason) }
            return parameter.json
        }
        return .string(try resource(name, in: "Ref").reference)
    }

    /// A resource the stack creates; one left out by its condition, or none, is an error.
    func resource(_ name: String, in function: String) throws(Failure) -> LocalResource {
        if let resource = resources[name] { return resource }
        if let condition = omitted[name] {
            throw Failure(message: "\(function) \(name): the resource is not created, its Condition \(condition) is false")
        }
        throw Failure(message: "\(function) \(name) names no parameter and no resource of the template")
    }

    /// `Fn::GetAtt`: `Resource.Attribute` or `[Resource, Attribute]`.
    func attribute(_ argument: JSONValue) throws(Failure) -> String {
        let path: String
        if let items = argument.arrayValue, items.count == 2 {
            path = try text(try required(items[0], in: "Fn::GetAtt")) + "." + text(try required(items[1], in: "Fn::GetAtt"))
        } else if let single = argument.stringValue {
            path = single
        } else {
            throw Failure(message: "Fn::GetAtt needs Resource.Attribute or [Resource, Attribute]")
        }
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        let resource = try resource(parts[0], in: "Fn::GetAtt")
        if resource.isNestedStack {
            throw Failure(message: "Fn::GetAtt \(path): \(parts[0]) is a nested application, which is not run locally")
        }
        guard parts.count == 2, let value = resource.attribute(parts[1]) else {
            throw Failure(message: "Fn::GetAtt \(path): \(resource.type) has no attribute \(parts.count == 2 ? parts[1] : "") locally")
        }
        return value
    }

    /// The evaluated value of a function's argument, which must not be `AWS::NoValue`.
    func required(_ argument: JSONValue, in function: String) throws(Failure) -> JSONValue {
        guard let value = try evaluate(argument) else {
            throw Failure(message: "\(function) got Ref AWS::NoValue where it needs a value")
        }
        return value
    }

    /// An evaluated scalar as text; a list or a mapping is an error.
    func text(_ value: JSONValue) throws(Failure) -> String {
        if let text = value.scalarText { return text }
        let found = value.arrayValue != nil ? "a list" : "a mapping"
        throw Failure(message: "\(found) where a single value is expected: \(value.serialized())")
    }

    private func readingDynamicReferences(in value: JSONValue) throws(Failure) -> JSONValue {
        switch value {
        case .string(let text) where text.contains("{{resolve:"):
            return .string(try DynamicReference.resolve(in: text, source: references))
        case .array(let items):
            var read: [JSONValue] = []
            for item in items { read.append(try readingDynamicReferences(in: item)) }
            return .array(read)
        case .object(let members):
            var read: [String: JSONValue] = [:]
            for (key, member) in members { read[key] = try readingDynamicReferences(in: member) }
            return .object(read)
        default:
            return value
        }
    }
}
