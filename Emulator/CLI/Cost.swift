import ArgumentParser
import Foundation
import LambdaHost

/// `emulator cost [NAME]`: what an execution used and what its shape would cost on AWS.
struct Cost: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prints what an execution used and what --items items (a million) would cost on AWS in its shape and unbatched.",
        discussion: """
            Reads what start-execution (and redrive-execution) recorded for the execution under --state-dir: \
            its state transitions (each state entered or retried, and one per child execution a Distributed \
            Map started, as Step Functions bills them), its child executions and their durations, and its \
            functions' invocations with their billed duration and memory (GB-seconds). S3 requests are counted \
            from --s3-log, an access log covering the execution (moto's, or any server's with one \
            "METHOD /bucket/key HTTP/1.1" request line per request, as S3 server access logs have); without it \
            they are not known and no share is computed. The usage is scaled to --items items by the items the \
            Distributed Maps processed, and priced at AWS's published on-demand prices (us-east-1: Step \
            Functions STANDARD transitions and EXPRESS requests and duration at 64 MB, x86 Lambda requests \
            and GB-seconds, S3 Standard requests), beside the unbatched shape: one STANDARD child and one \
            invocation per item, for the same function time (a lower bound). Durations are those measured \
            here, against whatever S3 served the run. Exits 2 when nothing was recorded.
            """)

    @Argument(help: "The execution's name. Default: the execution recorded last.")
    var name: String?

    @Option(name: .long, help: ArgumentHelp("Where start-execution recorded the execution.", valueName: "dir"))
    var stateDir = ".emulator"

    @Option(name: .long, help: ArgumentHelp("An S3 access log covering the execution, to count its S3 requests.", valueName: "file"))
    var s3Log: String?

    @Option(name: .long, help: "The items to price the execution's shape at.")
    var items = 1_000_000

    /// Orchestration at most this share of the S3 request cost, in percent.
    static let target = 10.0

    func run() throws {
        let usage: ExecutionUsage
        let s3: S3RequestCount?
        do {
            usage = try ExecutionUsage.load(from: try usagePath())
            s3 = try s3Log.map { S3RequestCount(accessLog: try String(contentsOfFile: $0, encoding: .utf8)) }
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
        print(Self.describe(usage, s3: s3, items: items))
    }

    private func usagePath() throws -> String {
        if let name { return ExecutionUsage.path(stateDir: stateDir, execution: name) }
        let folder = stateDir + "/executions"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let recorded = files.filter { $0.hasSuffix(".usage.json") }.map { folder + "/" + $0 }
        func modified(_ path: String) -> Date {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
        }
        guard let last = recorded.max(by: { modified($0) < modified($1) }) else {
            throw CostError(description: "no execution is recorded under \(folder)")
        }
        return last
    }

    static func describe(_ usage: ExecutionUsage, s3: S3RequestCount?, items: Int) -> String {
        var lines = ["execution \(usage.execution) (\(usage.stateMachine)), \(usage.items) items in Distributed Maps:"]
        let childCount = usage.children.values.reduce(0) { $0 + $1.count }
        lines.append(
            "  state transitions   \(usage.stateTransitions) (STANDARD; \(childCount) of them child executions started)")
        for (type, children) in usage.children.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "  child executions    \(children.count) \(type), \(children.stateTransitions) states,"
                    + " \(String(format: "%.1f", children.billedSeconds)) s billed")
        }
        let calls = usage.functions.values.reduce(0) { $0 + $1.count }
        let gbSeconds = usage.functions.values.reduce(0) { $0 + $1.gbSeconds }
        let perFunction = usage.functions.sorted(by: { $0.key < $1.key }).map { name, calls in
            "\(name) \(calls.count) at \(calls.memoryMB) MB \(String(format: "%.2f", calls.gbSeconds)) GB-s"
        }
        lines.append(
            "  Lambda invocations  \(calls), \(String(format: "%.2f", gbSeconds)) GB-s (\(perFunction.joined(separator: ", ")))")
        if let s3 {
            lines.append("  S3 requests         \(s3.writes) PUT/COPY/POST/LIST, \(s3.reads) GET/HEAD")
        } else {
            lines.append("  S3 requests         not counted (give --s3-log)")
        }
        guard let projection = CostProjection(usage: usage, s3Requests: s3 ?? S3RequestCount(), items: items) else {
            lines.append("no Distributed Map processed an item: nothing to scale to \(items) items")
            return lines.joined(separator: "\n")
        }
        func money(_ value: Double) -> String { String(format: "$%.2f", value) }
        lines.append("\(items) items at AWS prices (us-east-1)" + (s3 == nil ? ":" : ", S3 requests \(money(projection.s3)):"))
        for (label, shape) in [("batched (this shape)", projection.batched), ("unbatched (one child per item)", projection.unbatched)] {
            let share = projection.share(shape).map { String(format: " = %.1f %% of S3", $0) } ?? ""
            lines.append(
                "  \(label.padding(toLength: 32, withPad: " ", startingAt: 0)) orchestration \(money(shape.orchestration))"
                    + " (Step Functions \(money(shape.stepFunctions)), Lambda \(money(shape.lambda)))\(share)")
        }
        if let share = projection.share(projection.batched) {
            lines.append(
                "target: orchestration at most \(Int(target)) % of the S3 request cost: "
                    + (share <= target ? "met" : "NOT met") + String(format: " (%.1f %%)", share))
        }
        return lines.joined(separator: "\n")
    }
}

struct CostError: Error, CustomStringConvertible {
    let description: String
}
