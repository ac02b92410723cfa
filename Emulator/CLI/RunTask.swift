import ArgumentParser
import Foundation
import LambdaHost

/// `emulator run-task`: an ECS task definition of the template, run locally until stopped.
struct RunTask: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs an ECS task definition of the template (the TransferWorker) until stopped.",
        discussion: """
            Each container runs as a process: the executable named like the container in the build folder, \
            with the container's Environment as the template resolves it (the queue URL, table and bucket \
            names that `up` creates), the AWS credentials of this shell, AWS_REGION, and --endpoint-url as \
            AWS_ENDPOINT_URL. Logs go to standard error, each line prefixed with the container's name. \
            Ctrl-C or SIGTERM stops the task as ECS does: SIGTERM to every container, then SIGKILL after its \
            StopTimeout (30 s unless the template sets it). The task also stops when an essential container \
            exits by itself. Exits 0 when every container ended with status 0, 1 when one did not, 2 when the \
            task cannot start.
            """)

    @Argument(help: "The task definition's logical id (see `emulator list`).")
    var name: String

    @Option(name: .long, help: "Copies of the task to run side by side (ECS's DesiredCount).")
    var count = 1

    @OptionGroup var host: HostArguments

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
    }

    func run() async throws {
        let shutdown = ShutdownSignals.wait()
        let template = try host.loadTemplate()
        let tasks: [LocalTask]
        do {
            let definition = try template.taskDefinition(named: name)
            let options = host.makeOptions { container, line in StandardError.write("[\(container)] \(line)") }
            var started: [LocalTask] = []
            for copy in 1...count {
                do {
                    started.append(try LocalTask(definition: definition, options: options, label: count == 1 ? nil : String(copy)))
                } catch {
                    for task in started { _ = await task.stop() }
                    throw error
                }
            }
            tasks = started
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
        for task in tasks {
            let containers = zip(task.definition.containers, task.processIDs).map { "\($0.name) (pid \($1))" }
            StandardError.write("emulator: task \(name) running: \(containers.joined(separator: ", "))")
        }

        let (reasons, reason) = AsyncStream.makeStream(of: String.self)
        Task {
            await shutdown.value
            reason.yield("stopping")
        }
        for task in tasks {
            Task { reason.yield("\(await task.essentialExit()), an essential container: stopping the task") }
        }
        for await why in reasons.prefix(1) { StandardError.write("emulator: \(why)") }

        var exits: [ContainerExit] = []
        for task in tasks { exits += await task.stop() }
        for exit in exits {
            StandardError.write("emulator: \(exit), peak memory \(exit.peakResidentKilobytes / 1024) MiB")
        }
        if !exits.allSatisfy(\.succeeded) { throw ExitCode(1) }
    }
}
