import AWS
import ArgumentParser
import Foundation
import LambdaHost
import StateMachine

/// What `start-execution` and `redrive-execution` share: the options, and one run of a template's
/// state machine with its journal, progress on standard error and its output on standard output,
/// and what it used (`executions/NAME.usage.json`, which `emulator cost` prices).
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

    /// The definition of the state machine `name` in `template`; exits 2 when it cannot be read.
    static func definition(of name: String, in template: SAMTemplate) throws -> JSONValue {
        do {
            return try template.stateMachineDefinition(named: name)
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
    }

    /// Runs `definition` (the state machine `name`) on the host's template's functions with
    /// `journal`; exits 1 when the execution fails, 2 when it cannot run.
    func run(
        stateMachine name: String, definition json: JSONValue, input: JSONValue, execution: String, journal: ExecutionJournal,
        template: SAMTemplate, host: HostArguments
    ) async throws {
        let definition: StateMachineDefinition
        do {
            definition = try StateMachineDefinition(json: json)
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
        let logs = try FunctionLogFile(path: functionLogs)
        let usage = UsageRecorder(execution: execution, stateMachine: name, definition: json)
        let lambda = try host.makeHost(template: template) { function, line in
            logs.write(function: function, line: line)
            usage.record(function: function, line: line)
        }
        let services = LocalStateMachineServices(host: lambda, s3: S3Client(client: try host.makeAWSClient()))
        let progress = ExecutionProgress()
        var options = ExecutionOptions(timeScale: timeScale, stateMachineName: name)
        options.journal = journal
        let runner = StateMachineRunner(definition: definition, services: services, options: options) { event in
            progress.report(event)
            usage.record(event)
        }
        progress.started(execution: execution, stateMachine: name)
        let result = await runner.run(input: input, executionName: execution)
        await lambda.shutdown()
        do {
            try usage.usage.save(
                to: ExecutionUsage.path(stateDir: stateDir, execution: execution), addingToEarlierRuns: journal.progress != nil)
        } catch {
            StandardError.write("emulator: cannot record what \(execution) used: \(error)")
        }
        switch result {
        case .success(let output):
            print(output.serialized())
        case .failure(let failure):
            StandardError.write("emulator: execution \(execution) failed: \(failure)")
            throw ExitCode(1)
        }
    }
}
