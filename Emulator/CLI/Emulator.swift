import ArgumentParser
import Dispatch
import Foundation
import LambdaHost

/// Starts the command on the host's executor (see ``HostExecutor``), which must be installed before
/// any task runs: hence a synchronous entry point.
@main
enum EmulatorEntry {
    static func main() {
        HostExecutor.install()
        Task {
            await Emulator.main()
            exit(0)
        }
        dispatchMain()
    }
}

struct Emulator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Runs the functions of a SAM template on this machine, without Docker.",
        discussion: """
            Each function runs as a process that talks to a Lambda Runtime API served by the emulator: \
            an executable `bootstrap` in the function's CodeUri folder (any language), a python3.x function \
            through AWS's runtime interface client (awslambdaric) and this machine's python3, or, for this \
            project's own functions, the executable of that name in the build folder. State machines \
            run on the emulator's own Amazon States Language interpreter, calling those functions. ECS task \
            definitions (the TransferWorker) run with run-task, each container as a process. Events reach \
            them by the template's wiring (EventBridge rules and schedules, SQS event source mappings, S3 \
            notifications): start runs it all until Ctrl-C, replay delivers recorded events, fire runs a \
            schedule now.
            """,
        subcommands: [
            Invoke.self, StartLambda.self, StartAPI.self, StartExecution.self, RedriveExecution.self, RunTask.self, Up.self, List.self,
            Validate.self, Cost.self,
            TestEventPattern.self, Replay.self, GenerateEvent.self, Fire.self, Start.self,
        ])
}
