public import StateMachine

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
        let reader = StateMachineReader(resolver: resolver, templateDirectory: FilePaths.directory(of: path), templatePath: path)
        return try reader.definition(named: name, properties: document["Resources"]?[name]?["Properties"])
    }

    /// A resource's `Properties` as JSON, intrinsic functions resolved.
    public func resolvedProperties(of name: String) throws(TemplateError) -> JSONValue {
        guard let properties = document["Resources"]?[name]?["Properties"] else { return .object([:]) }
        do {
            return try resolver.resolve(properties) ?? .object([:])
        } catch {
            throw TemplateError(path: path, "resource \(name): \(error.message)")
        }
    }
}

extension LocalResource {
    var isStateMachine: Bool {
        type == "AWS::Serverless::StateMachine" || type == "AWS::StepFunctions::StateMachine"
    }
}
