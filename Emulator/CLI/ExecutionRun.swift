import AWS
import ArgumentParser
import Foundation
import LambdaHost
import StateMachine

/// What `start-execution` and `redrive-execution` share: the options, and one run of a template's
/// state machine with its journal, progress on standard error and its output on standard output.
struct ExecutionRunOptions: ParsableArguments {
    @Option(name: .long, help: "Multiplies every Wait and Retry delay; 0.001 makes a 5 s backoff 5 ms.")
    var timeScale = 1.0

    @Option(name: .long, help: ArgumentHelp("Append the functions' log lines to this file.", valueName: "file"))
    var functionLogs: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where executions are journaled (executions/NAME.jsonl), so that redrive-execution can finish them.",
            valueName: "dir"))
    var stateDir = ".emulator"

    func journalPath(execution: String) -> String {
        stateDir + "/executions/" + execution + ".jsonl"
    }

    /// Runs the state machine `name` of the host's template with `journal`; exits 1 when the
    /// execution fails, 2 when it cannot run.
    func run(stateMachine name: String, input: JSONValue, execution: String, journal: ExecutionJournal, host: HostArguments)
        async throws
    {
        let template = try host.loadTemplate()
        let definition: StateMachineDefinition
        do {
            definition = try StateMachineDefinition(json: try template.stateMachineDefinition(named: name))
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
        let logs = try FunctionLogFile(path: functionLogs)
        let lambda = try host.makeHost(template: template) { function, line in logs.write(function: function, line: line) }
        let services = LocalStateMachineServices(host: lambda, s3: S3Client(client: try host.makeAWSClient()))
        let progress = ExecutionProgress()
        var options = ExecutionOptions(timeScale: timeScale, stateMachineName: name)
        options.journal = journal
        let runner = StateMachineRunner(definition: definition, services: services, options: options, onEvent: progress.report)
        progress.started(execution: execution, stateMachine: name)
        let result = await runner.run(input: input, executionName: execution)
        await lambda.shutdown()
        switch result {
        case .success(let output):
            print(output.serialized())
        case .failure(let failure):
            StandardError.write("emulator: execution \(execution) failed: \(failure)")
            throw ExitCode(1)
        }
    }
}
