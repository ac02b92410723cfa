import ArgumentParser
import Foundation
import LambdaHost
import StateMachine

/// `emulator replay FILE|DIR …`: recorded events delivered by the template's wiring, hop by hop.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delivers recorded events by the template's wiring and prints every hop.",
        discussion: """
            Each file (a folder: every .json file in it, in name order) holds one recorded event: an S3 \
            notification, an EventBridge or scheduled event, an SQS or SNS event, or an API Gateway REST or \
            HTTP API request, as SAM CLI, the AWS runtime libraries and Powertools write them. It goes where \
            AWS would send it: bucket notifications and EventBridge for S3 records, the bus's rules for \
            EventBridge events, the rule named in a scheduled event, the queue's event source mappings for SQS \
            records, the topic's function subscriptions for SNS, the route's function for API Gateway. A message \
            sent to a queue that a mapping polls is taken at once and handed to that function, so an event is \
            followed to its end. Queues, topics and state machines are reached at the AWS endpoint (moto). \
            Exits 0 when every delivery succeeded, 1 when one failed (a function error, a partial batch \
            failure, nothing wired to receive the event), 2 when an input is not an event the emulator knows \
            (the file and the reason on standard error).
            """)

    @Argument(help: ArgumentHelp("Recorded event files, or folders of them.", valueName: "file-or-dir"))
    var inputs: [String]

    @Flag(help: "Print where each event would go, invoking and sending nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("text (hop lines) or json (one object per input: file, kind, deliveries).", valueName: "format"))
    var output: ReplayOutput = .text

    @Option(name: .long, help: ArgumentHelp("Append the functions' log lines to this file.", valueName: "file"))
    var functionLogs: String?

    @OptionGroup var host: HostArguments

    @OptionGroup var retries: RetryClockArguments

    func run() async throws {
        var worst: Int32 = 0
        var events: [(file: String, kind: EventKind, event: JSONValue)] = []
        for file in try ReplayInputs.files(inputs) {
            switch ReplayInputs.read(file) {
            case .success(let read): events.append((file, read.kind, read.event))
            case .failure(let problem):
                StandardError.write("emulator: \(file): \(problem.message)")
                worst = 2
            }
        }
        let template = try host.loadTemplate()
        let wiring = EventWiring(template: template)
        for unrun in wiring.unrun { StandardError.write("emulator: \(unrun)") }
        let logs = try FunctionLogFile(path: functionLogs)
        let lambda = try host.makeHost(template: template) { function, line in logs.write(function: function, line: line) }
        let plane = EventPlane(
            wiring: wiring, host: lambda, client: host.makeAWSClientOrPlaceholder(), region: host.resolvedRegion, awaitsExecutions: true,
            followsQueues: true, retryClock: retries.clock, log: { _ in })
        for (file, kind, event) in events {
            let deliveries = await plane.replay(event, as: kind, dryRun: dryRun)
            if deliveries.contains(where: { !$0.succeeded }) { worst = max(worst, 1) }
            print(output.render(file: file, kind: kind, deliveries: deliveries))
        }
        await plane.waitForExecutions()
        await lambda.shutdown()
        if worst != 0 { throw ExitCode(worst) }
    }
}

/// How `replay` prints each input.
enum ReplayOutput: String, ExpressibleByArgument, CaseIterable {
    case text, json

    func render(file: String, kind: EventKind, deliveries: [Delivery]) -> String {
        switch self {
        case .text: ([file + " (\(kind.rawValue))"] + deliveries.map { "  " + $0.line }).joined(separator: "\n")
        case .json:
            JSONValue.object([
                "file": .string(file), "kind": .string(kind.rawValue), "deliveries": .array(deliveries.map(\.json)),
            ]).serialized()
        }
    }
}

/// The files `replay` reads, and what each holds.
enum ReplayInputs {
    /// Files as given, and each folder's `.json` files (recursively) in name order.
    static func files(_ inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                StandardError.write("emulator: \(input): no such file or folder")
                throw ExitCode(2)
            }
            guard isDirectory.boolValue else {
                files.append(input)
                continue
            }
            let found = (FileManager.default.enumerator(atPath: input)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".json") }.sorted()
            files += found.map { (input as NSString).appendingPathComponent($0) }
        }
        return files
    }

    static func read(_ file: String) -> Result<(kind: EventKind, event: JSONValue), DeliveryFailure> {
        let event: JSONValue
        do {
            event = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            return .failure(DeliveryFailure("not a JSON event: \(error)"))
        }
        return EventKind.of(event).map { ($0, event) }
    }
}
