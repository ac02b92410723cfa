import ArgumentParser
import Foundation
import LambdaHost

/// `emulator invoke NAME --event FILE`: one invocation, its answer on stdout, its logs on stderr.
struct Invoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Invokes a function once and prints its answer.",
        discussion: """
            The answer goes to standard output, the function's logs (with START, END and REPORT lines) to
            standard error. Exits 0 when the function succeeds, 1 when it fails (error, timeout, crash),
            and 2 when it cannot run (unknown function, nothing to run, bad event).
            """)

    @Argument(help: "The function's logical id in the template.")
    var name: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The event: a JSON file, or - for standard input. Default: {}.", valueName: "file"))
    var event: String?

    @OptionGroup var host: HostArguments

    func run() async throws {
        let payload: [UInt8]
        do {
            payload = try readEvent()
        } catch {
            StandardError.write("emulator: cannot read the event: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let lambda = try host.makeHost { _, line in StandardError.write(line) }
        let result: InvocationResult
        do {
            result = try await lambda.invoke(name, payload: payload)
        } catch {
            await lambda.shutdown()
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
        await lambda.shutdown()
        FileHandle.standardOutput.write(Data(result.payload + [UInt8(ascii: "\n")]))
        if !result.succeeded {
            StandardError.write("emulator: \(name) failed with \(result.errorType ?? "an error")")
            throw ExitCode(1)
        }
    }

    private func readEvent() throws -> [UInt8] {
        switch event {
        case nil: return Array("{}".utf8)
        case "-": return Array(FileHandle.standardInput.readDataToEndOfFile())
        case let path?: return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }
}
