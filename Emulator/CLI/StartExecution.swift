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

    @OptionGroup var execution: ExecutionRunOptions

    @OptionGroup var host: HostArguments

    func run() async throws {
        let executionInput: JSONValue
        do {
            executionInput = try readInput()
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
        let name = executionName ?? UUID().uuidString.lowercased()
        let journal = try ExecutionJournal.create(
            at: execution.journalPath(execution: name), stateMachine: self.name, executionName: name, input: executionInput)
        try await execution.run(stateMachine: self.name, input: executionInput, execution: name, journal: journal, host: host)
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
