public import StateMachine
import Yams

extension SAMTemplate {
    /// The template's state machines' logical ids, sorted.
    public var stateMachineNames: [String] {
        resources.values.filter(\.isStateMachine).map(\.logicalID).sorted()
    }

    /// A state machine's ASL definition with intrinsic functions and substitutions resolved.
    public func stateMachineDefinition(named name: String) throws(TemplateError) -> JSONValue {
        guard let resource = resources[name], resource.isStateMachine else {
            let known = stateMachineNames.joined(separator: ", ")
            throw TemplateError(path: path, "no state machine \(name) in the template (it has: \(known.isEmpty ? "none" : known))")
        }
        let reader = StateMachineReader(
            resolver: resolver, templateDirectory: FilePaths.directory(of: path), templatePath: path)
        return try reader.definition(named: name, properties: try propertiesNode(of: name))
    }

    /// A resource's `Properties` as JSON, intrinsic functions resolved.
    public func resolvedProperties(of name: String) throws(TemplateError) -> JSONValue {
        guard let node = try propertiesNode(of: name) else { return .object([:]) }
        do {
            return try resolver.value(node)
        } catch {
            throw TemplateError(path: path, "resource \(name): \(error.message)")
        }
    }

    private func propertiesNode(of name: String) throws(TemplateError) -> Node? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw TemplateError(path: path, "the template is not valid YAML: \(error)")
        }
        return root?["Resources"]?[name]?["Properties"]
    }
}

extension LocalResource {
    var isStateMachine: Bool {
        type == "AWS::Serverless::StateMachine" || type == "AWS::StepFunctions::StateMachine"
    }
}
