import AWS
import ArgumentParser
import Foundation
import LambdaHost
import StateMachine

/// `emulator start-execution NAME --input FILE`: runs one execution of a template's state machine.
struct StartExecution: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs one execution of a state machine of the template and prints its output.",
        discussion: """
            Task states invoke the template's functions on this machine; a Distributed Map reads its \
            items from and writes its results to S3 at the AWS endpoint (--endpoint-url). Progress goes \
            to standard error, a line per state and Map progress as done/total; the output goes to \
            standard output. Exits 0 when the execution succeeds, 1 when it fails, 2 when it cannot run.
            """)

    @Argument(help: "The state machine's logical id in the template.")
    var name: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The execution input: a JSON file, or - for standard input. Default: {}.", valueName: "file"))
    var input: String?

    @Option(name: .long, help: "The execution's name; it names the run's files. Default: a new UUID.")
    var executionName: String?

    @Option(name: .long, help: "Multiplies every Wait and Retry delay; 0.001 makes a 5 s backoff 5 ms.")
    var timeScale = 1.0

    @Option(name: .long, help: ArgumentHelp("Append the functions' log lines to this file.", valueName: "file"))
    var functionLogs: String?

    @OptionGroup var host: HostArguments

    func run() async throws {
        let template = try host.loadTemplate()
        let definition: StateMachineDefinition
        let executionInput: JSONValue
        do {
            definition = try StateMachineDefinition(json: try template.stateMachineDefinition(named: name))
            executionInput = try readInput()
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
        let logs = try FunctionLogFile(path: functionLogs)
        let lambda = try host.makeHost(template: template) { function, line in logs.write(function: function, line: line) }
        let services = LocalStateMachineServices(host: lambda, s3: S3Client(client: try host.makeAWSClient()))
        let progress = ExecutionProgress()
        let runner = StateMachineRunner(
            definition: definition, services: services, options: ExecutionOptions(timeScale: timeScale, stateMachineName: name),
            onEvent: progress.report)
        let execution = executionName ?? UUID().uuidString.lowercased()
        progress.started(execution: execution, stateMachine: name)
        let result = await runner.run(input: executionInput, executionName: execution)
        await lambda.shutdown()
        switch result {
        case .success(let output):
            print(output.serialized())
        case .failure(let failure):
            StandardError.write("emulator: execution \(execution) failed: \(failure)")
            throw ExitCode(1)
        }
    }

    private func readInput() throws -> JSONValue {
        let data: Data
        switch input {
        case nil: return .object([:])
        case "-": data = FileHandle.standardInput.readDataToEndOfFile()
        case let path?: data = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return try JSONValue(parsing: data)
    }
}
