import Foundation

/// A task definition running on this machine: each container a process, started from the build
/// folder with the template's environment, as ECS runs a task on Fargate.
///
/// The task ends as ECS ends one: when an essential container exits, or when it is stopped, which
/// sends every container SIGTERM and, after its `StopTimeout`, SIGKILL.
public final class LocalTask: Sendable {
    public let definition: TaskDefinition
    private let containers: [RunningContainer]
    private let firstEssentialExit = OneShot<ContainerExit>()

    /// Starts every container of `definition`, in the template's folder.
    ///
    /// - Parameter label: names this copy of the task in log lines, when several run.
    public init(definition: TaskDefinition, options: HostOptions, label: String? = nil) throws(HostError) {
        self.definition = definition
        var started: [RunningContainer] = []
        for container in definition.containers {
            let name = label.map { "\(container.name)#\($0)" } ?? container.name
            do {
                started.append(try RunningContainer.start(container, name: name, options: options, directory: definition.directory))
            } catch {
                started.forEach { $0.process.kill() }
                throw error
            }
        }
        containers = started
        for container in started where container.definition.essential {
            let exits = firstEssentialExit
            Task { exits.fulfil(await container.exit()) }
        }
    }

    /// The process ids of the containers, in the definition's order.
    public var processIDs: [Int32] { containers.map(\.process.pid) }

    /// Waits until an essential container exits, by itself or because the task was stopped.
    public func essentialExit() async -> ContainerExit {
        await firstEssentialExit.value
    }

    /// Stops every container still running (SIGTERM, then SIGKILL after its `StopTimeout`) and
    /// returns how each one ended.
    public func stop() async -> [ContainerExit] {
        var killers: [Task<Void, Never>] = []
        for container in containers {
            let (process, grace) = (container.process, container.definition.stopTimeoutSeconds)
            process.terminate()
            killers.append(Task {
                try? await Task.sleep(for: .seconds(grace))
                if !Task.isCancelled { process.kill() }
            })
        }
        var exits: [ContainerExit] = []
        for (container, killer) in zip(containers, killers) {
            exits.append(await container.exit())
            killer.cancel()
        }
        return exits
    }
}

/// How one container of a task ended.
public struct ContainerExit: Sendable, CustomStringConvertible {
    /// The container's name, with the task's label when several copies run.
    public let container: String
    /// Exited with status 0.
    public let succeeded: Bool
    /// `exit status 1`, `signal: killed`.
    public let status: String
    /// The process's peak resident memory (from `wait4`).
    public let peakResidentKilobytes: Int

    public var description: String { "\(container): \(status)" }
}

/// A container's process and what it was started from.
private struct RunningContainer: Sendable {
    let definition: ContainerDefinition
    let name: String
    let process: HostedProcess

    static func start(
        _ definition: ContainerDefinition, name: String, options: HostOptions, directory: String
    ) throws(HostError) -> RunningContainer {
        var command = [BuildFolder.path(of: definition.name, in: options.buildDirectory)]
        if let packages = options.packages {
            command = try packages.command(for: definition.name, what: "container \(definition.name)")
        } else if !BuildFolder.isRunnable(command[0]) {
            throw HostError(
                .cannotStart,
                "container \(definition.name) has nothing to run: no executable \(command[0]) "
                    + BuildFolder.buildHint(for: definition.name))
        }
        var environment = options.inheritedEnvironment
        environment.merge(definition.environment) { $1 }
        environment.merge(["AWS_REGION": options.region, "AWS_DEFAULT_REGION": options.region]) { $1 }
        let output = options.output
        let pipe = try OutputPipe { line in output(name, line) }
        let process = try HostedProcess(
            executable: command[0], arguments: Array(command.dropFirst()), environment: environment, directory: directory,
            output: pipe)
        pipe.startReading()
        return RunningContainer(definition: definition, name: name, process: process)
    }

    func exit() async -> ContainerExit {
        let status = await process.exit.value
        return ContainerExit(
            container: name, succeeded: status.code == 0, status: status.description,
            peakResidentKilobytes: status.maxResidentKilobytes)
    }
}
