import StateMachine

/// The condition functions (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`) and the
/// lookup of a named condition, for `Fn::If` and a resource's or output's `Condition`.
extension CloudFormationResolver {
    func condition(_ function: String, _ argument: JSONValue) throws(Failure) -> Bool {
        switch function {
        case "Fn::Equals":
            let (left, right) = try pair(argument, in: function, shape: "[value, value]")
            if let left = left.scalarText, let right = right.scalarText { return left == right }
            return left == right
        case "Fn::Not":
            guard let items = argument.arrayValue, items.count == 1 else { throw Failure(message: "Fn::Not needs [condition]") }
            return !(try truth(items[0], in: function))
        default:
            guard let items = argument.arrayValue, (2...10).contains(items.count) else {
                throw Failure(message: "\(function) needs a list of 2 to 10 conditions")
            }
            var results: [Bool] = []
            for item in items { results.append(try truth(item, in: function)) }
            return function == "Fn::And" ? results.allSatisfy { $0 } : results.contains(true)
        }
    }

    /// A condition operand: `{Condition: Name}` or a condition function.
    func truth(_ value: JSONValue, in function: String) throws(Failure) -> Bool {
        if let members = value.objectValue, members.count == 1, let name = members["Condition"]?.stringValue {
            return try condition(named: name, in: function)
        }
        switch try evaluate(value) {
        case .bool(let flag)?: return flag
        case .string("true")?: return true
        case .string("false")?: return false
        default: throw Failure(message: "\(function) needs conditions (Fn::Equals, Fn::And, …), not \(value.serialized())")
        }
    }

    /// The value of the template's condition `name`.
    func condition(named name: String, in place: String) throws(Failure) -> Bool {
        if let value = conditions[name] { return value }
        throw Failure(message: "\(place) names the condition \(name), which the template does not define or which could not be evaluated")
    }
}

/// Evaluates a template's `Conditions` section, each condition after those it refers to.
struct ConditionEvaluation {
    private let section: [String: JSONValue]
    private(set) var resolver: CloudFormationResolver
    private(set) var findings: [TemplateFinding] = []
    private var visiting: Set<String> = []
    private var failed: Set<String> = []

    /// Every condition of `section` evaluated into `resolver.conditions`; a finding for each
    /// that cannot be.
    init(section: [String: JSONValue], resolver: CloudFormationResolver) {
        self.section = section
        self.resolver = resolver
        for name in section.keys.sorted() { visit(name) }
    }

    private mutating func visit(_ name: String) {
        guard resolver.conditions[name] == nil, !failed.contains(name), let definition = section[name] else { return }
        guard visiting.insert(name).inserted else {
            failed.insert(name)
            findings.append(TemplateFinding(.error, condition: name, "the condition refers to itself through Condition"))
            return
        }
        for dependency in Self.references(in: definition) { visit(dependency) }
        visiting.remove(name)
        guard !failed.contains(name) else { return }
        do {
            resolver.conditions[name] = try resolver.truth(definition, in: "condition \(name)")
        } catch {
            failed.insert(name)
            findings.append(TemplateFinding(.error, condition: name, error.message))
        }
    }

    /// The names of the conditions `{Condition: Name}` inside a definition.
    private static func references(in value: JSONValue) -> [String] {
        switch value {
        case .object(let members):
            if members.count == 1, let name = members["Condition"]?.stringValue { return [name] }
            return members.values.flatMap(references)
        case .array(let items):
            return items.flatMap(references)
        default:
            return []
        }
    }
}
