import ArgumentParser
import Foundation
import LambdaHost
import StateMachine

/// `emulator fire NAME`: a schedule's (or rule's) targets, now.
struct Fire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fires a schedule or a rule of the template now and prints every hop.",
        discussion: """
            NAME is the rule's name or logical id (SAM names a function's Schedule event <Function><Event>). A \
            scheduled rule's targets get the scheduled event EventBridge sends (a Scheduler schedule's target \
            its Input); a pattern rule needs --event, which its targets get whether it matches or not. Exits 0 \
            when every delivery succeeded, 1 when one failed, 2 when the rule or the event cannot be found.
            """)

    @Argument(help: "The rule or schedule.")
    var name: String

    @Option(name: .shortAndLong, help: ArgumentHelp("An event for a pattern rule: a JSON file, or JSON text.", valueName: "file"))
    var event: String?

    @Option(name: .long, help: ArgumentHelp("Append the functions' log lines to this file.", valueName: "file"))
    var functionLogs: String?

    @OptionGroup var host: HostArguments

    @OptionGroup var retries: RetryClockArguments

    func run() async throws {
        let template = try host.loadTemplate()
        let wiring = EventWiring(template: template)
        guard let rule = wiring.rule(named: name) else {
            let known = wiring.rules.map(\.name).joined(separator: ", ")
            StandardError.write("emulator: no rule or schedule \(name) in the template (it has: \(known.isEmpty ? "none" : known))")
            throw ExitCode(2)
        }
        var given: JSONValue?
        if let event {
            let text = FileManager.default.fileExists(atPath: event) ? (try? String(contentsOfFile: event, encoding: .utf8)) ?? "" : event
            guard let parsed = try? JSONValue(parsing: text) else {
                StandardError.write("emulator: the event \(event) is not JSON")
                throw ExitCode(2)
            }
            given = parsed
        } else if rule.schedule == nil {
            StandardError.write("emulator: \(rule.name) is a pattern rule: give the event its targets get with --event")
            throw ExitCode(2)
        }
        let logs = try FunctionLogFile(path: functionLogs)
        let lambda = try host.makeHost(template: template) { function, line in logs.write(function: function, line: line) }
        let plane = EventPlane(
            wiring: wiring, host: lambda, client: host.makeAWSClientOrPlaceholder(), region: host.resolvedRegion, awaitsExecutions: true,
            followsQueues: true, retryClock: retries.clock, log: { _ in })
        let deliveries: [Delivery]
        if let given {
            deliveries = await plane.deliver(given, through: rule)
        } else {
            deliveries = await plane.fire(rule)
        }
        await plane.waitForExecutions()
        await lambda.shutdown()
        for delivery in deliveries { print(delivery.line) }
        if deliveries.contains(where: { !$0.succeeded }) { throw ExitCode(1) }
    }
}
