import ArgumentParser
import Foundation
import LambdaHost
import StateMachine

/// `emulator redrive-execution NAME`: finishes an execution that failed or whose emulator was
/// killed, as Step Functions' `RedriveExecution` does.
struct RedriveExecution: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Finishes a failed or interrupted execution from where it stopped, as RedriveExecution does.",
        discussion: """
            Reads the execution's journal (written by start-execution under --state-dir): the states that \
            finished are not run again; the execution restarts at the state that did not finish, with the \
            input it had, and a Distributed Map runs only the child executions that did not succeed (those \
            that did keep their results). The template is read again, so fixed functions are used. Exits 0 \
            when the execution succeeds, 1 when it fails, 2 when it cannot be redriven (no journal, or it \
            succeeded).
            """)

    @Argument(help: "The execution's name, as start-execution --execution-name gave it or printed it.")
    var name: String

    @OptionGroup var execution: ExecutionRunOptions

    @OptionGroup var host: HostArguments

    func run() async throws {
        let journal: ExecutionJournal
        do {
            journal = try ExecutionJournal.openForRedrive(at: execution.journalPath(execution: name))
        } catch {
            StandardError.write("emulator: cannot redrive \(name): \(error)")
            throw ExitCode(2)
        }
        guard let progress = journal.progress else { throw ExitCode(2) }
        let finished = progress.children.values.reduce(0) { $0 + $1.count }
        StandardError.write(
            "emulator: redriving \(name) of \(progress.stateMachine) from \(progress.resume?.state ?? "the start")"
                + (finished > 0 ? ", \(finished) child executions already succeeded" : ""))
        try await execution.run(
            stateMachine: progress.stateMachine, input: progress.input, execution: name, journal: journal, host: host)
    }
}
