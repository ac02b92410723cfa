import StateMachine

/// An ECS service of the template: a task definition ECS keeps running `desiredCount` times.
public struct ServiceDefinition: Sendable, Equatable {
    /// The service's logical id.
    public let name: String
    /// The logical id of the task definition it runs.
    public let taskDefinition: String
    public let desiredCount: Int
}

extension SAMTemplate {
    /// The ECS services the stack creates, sorted by name.
    public func serviceDefinitions() throws(TemplateError) -> [ServiceDefinition] {
        var services: [ServiceDefinition] = []
        for resource in resources(ofType: "AWS::ECS::Service") {
            let name = resource.logicalID
            guard let task = document["Resources"]?[name]?["Properties"]?["TaskDefinition"]?["Ref"]?.stringValue,
                resources[task]?.type == "AWS::ECS::TaskDefinition"
            else {
                throw TemplateError(path: path, "service \(name): TaskDefinition must be a !Ref to a task definition of the template")
            }
            var count = 1
            if let value = try resolvedProperties(of: name)["DesiredCount"] {
                guard let number = value.templateText.flatMap({ Int($0) }), number >= 0 else {
                    throw TemplateError(path: path, "service \(name): DesiredCount must be a whole number of tasks, 0 or more")
                }
                count = number
            }
            services.append(ServiceDefinition(name: name, taskDefinition: task, desiredCount: count))
        }
        return services.sorted { $0.name < $1.name }
    }

    /// The ECS services the template declares but the stack does not create, each with the
    /// `Condition` that is false, sorted by name.
    public var servicesNotCreated: [(name: String, condition: String)] {
        let declared = document["Resources"]?.objectValue ?? [:]
        return declared.compactMap { name, resource in
            guard resource["Type"]?.stringValue == "AWS::ECS::Service", resources[name] == nil else { return nil }
            return (name, resource["Condition"]?.stringValue ?? "")
        }.sorted { $0.name < $1.name }
    }
}
