import StateMachine

extension SAMTemplate {
    /// The template's ECS task definitions' logical ids, sorted.
    public var taskDefinitionNames: [String] {
        resources(ofType: "AWS::ECS::TaskDefinition").map(\.logicalID)
    }

    /// A task definition's containers with their environment resolved to local names.
    public func taskDefinition(named name: String) throws(TemplateError) -> TaskDefinition {
        guard resources[name]?.type == "AWS::ECS::TaskDefinition" else {
            let known = taskDefinitionNames.joined(separator: ", ")
            throw TemplateError(path: path, "no task definition \(name) in the template (it has: \(known.isEmpty ? "none" : known))")
        }
        let properties = try resolvedProperties(of: name)
        guard let containers = properties["ContainerDefinitions"]?.arrayValue, !containers.isEmpty else {
            throw TemplateError(path: path, "task definition \(name) has no ContainerDefinitions")
        }
        var definitions: [ContainerDefinition] = []
        for (index, container) in containers.enumerated() {
            definitions.append(try containerDefinition(container, at: index, of: name))
        }
        return TaskDefinition(name: name, containers: definitions, directory: FilePaths.directory(of: path))
    }

    private func containerDefinition(_ container: JSONValue, at index: Int, of task: String) throws(TemplateError) -> ContainerDefinition {
        let place = "task definition \(task), ContainerDefinitions[\(index)]"
        guard let name = container["Name"]?.stringValue, !name.isEmpty else {
            throw TemplateError(path: path, "\(place) has no Name")
        }
        var environment: [String: String] = [:]
        for pair in container["Environment"]?.arrayValue ?? [] {
            guard let variable = pair["Name"]?.stringValue, let value = pair["Value"]?.templateText else {
                throw TemplateError(path: path, "\(place) (\(name)): every Environment entry needs a Name and a Value")
            }
            environment[variable] = value
        }
        var stopTimeout = ContainerDefinition.defaultStopTimeout
        if let value = container["StopTimeout"] {
            guard let seconds = value.templateText.flatMap({ Int($0) }), (2...ContainerDefinition.maximumStopTimeout).contains(seconds) else {
                throw TemplateError(path: path, "\(place) (\(name)): StopTimeout must be 2 to 120 seconds")
            }
            stopTimeout = seconds
        }
        let essential = container["Essential"]?.templateText.map { $0 != "false" } ?? true
        return ContainerDefinition(name: name, environment: environment, essential: essential, stopTimeoutSeconds: stopTimeout)
    }
}
