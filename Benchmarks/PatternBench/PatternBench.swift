import ArgumentParser
import BenchReport
import EventPatterns
import Foundation
import StateMachine

/// `pattern-bench`: events matched per second against 1, 100 and 1,000 rules, beside moto's own
/// matcher on the same rules and events. Both sides count seconds of their own CPU time (the
/// process CPU clock, which Python's `time.process_time()` reads too), so the ratio holds on a
/// machine other work shares.
@main
struct PatternBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pattern-bench",
        abstract: "Measures EventBridge pattern matching against 1, 100 and 1,000 rules, beside moto's matcher.")

    @Option(help: "CPU seconds each measurement runs, for each matcher.")
    var seconds = 2.0

    @Option(help: "The Python interpreter that has moto installed.")
    var python = "python3"

    @Option(help: "moto's side of the benchmark.")
    var peerScript = "scripts/moto-pattern-bench.py"

    @Option(parsing: .upToNextOption, help: "The rule counts to measure (the slowdown line needs 1 and 1000).")
    var rules = [1, 100, 1000]

    func validate() throws {
        guard FileManager.default.fileExists(atPath: peerScript) else {
            throw ValidationError("no moto peer script at \(peerScript); run from the repository root or pass --peer-script")
        }
    }

    func run() throws {
        print("pattern-bench: EventPatternIndex beside moto.events' EventPattern, the same rules and events, per CPU second")
        var perRule: [Int: Double] = [:]
        for ruleCount in rules {
            let workload = PatternWorkload(ruleCount: ruleCount)
            let ours = try ours(workload)
            let peer = try MotoMatcherPeer.eventsPerSecond(python: python, script: peerScript, workload: workload, seconds: seconds)
            perRule[ruleCount] = ours
            Report.row(
                "events/s against \(ruleCount) rule\(ruleCount == 1 ? "" : "s")", ours: ours, peer: peer, unit: "ev/s",
                target: "≥ 100 × moto", met: ours >= 100 * peer, higherIsBetter: true)
        }
        guard let one = perRule[1], let thousand = perRule[1000] else { return }
        let slowdown = one / thousand
        print("pattern-bench: 1,000 rules cost \(String(format: "%.1f", slowdown))× the time of 1 (linear would be 1000×): "
            + (slowdown <= 1000 ? "no worse than linear" : "WORSE than linear"))
    }

    /// Events matched per CPU second by the index, run for `seconds` of CPU time.
    private func ours(_ workload: PatternWorkload) throws -> Double {
        var index = EventPatternIndex<Int>()
        for (number, text) in workload.rules.enumerated() { index.add(try EventPattern(text: text), for: number) }
        var done = 0
        var matched = 0
        let start = CPUClock.now()
        let limit = Duration.milliseconds(Int64(seconds * 1000))
        while CPUClock.now() - start < limit {
            for event in workload.events { matched += index.matches(event).count }
            done += workload.events.count
        }
        guard matched > 0 else { throw BenchError("no event matched any rule: the workload is wrong") }
        return Double(done) / (CPUClock.now() - start).microseconds * 1e6
    }
}

/// A benchmark failure, said as what failed and what to do.
struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
