/// An ECS task definition of the template (`AWS::ECS::TaskDefinition`), as the emulator runs it:
/// each container a process on this machine.
public struct TaskDefinition: Sendable, Equatable {
    /// The resource's logical id.
    public let name: String
    public let containers: [ContainerDefinition]
    /// The template's folder, where the containers run.
    public let directory: String
}

/// One container of a task definition.
public struct ContainerDefinition: Sendable, Equatable {
    /// The container's `Name`; locally also the executable that runs, from the build folder.
    public let name: String
    /// `Environment`, resolved.
    public let environment: [String: String]
    /// Whether the task stops when this container exits (`Essential`, true unless set false).
    public let essential: Bool
    /// Seconds from SIGTERM to SIGKILL when the task stops (`StopTimeout`: 30 unless set, at most
    /// 120, as on Fargate).
    public let stopTimeoutSeconds: Int

    /// Fargate's default and maximum `StopTimeout`.
    static let defaultStopTimeout = 30
    static let maximumStopTimeout = 120
}
