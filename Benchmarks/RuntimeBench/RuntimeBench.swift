import ArgumentParser
import BenchReport
import Dispatch
import Foundation
import LambdaHost

/// Runs the benchmark on the host's executor, as the emulator does (see ``HostExecutor``).
@main
enum RuntimeBenchEntry {
    static func main() {
        HostExecutor.install()
        Task {
            await RuntimeBench.main()
            exit(0)
        }
        dispatchMain()
    }
}

/// `runtime-bench`: the Runtime API loop and the emulator, measured against AWS's own runtime.
struct RuntimeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runtime-bench",
        abstract: "Measures Echo's CPU per invocation and first /next, and the Invoke API's rate, beside AWS's Python runtime.")

    @Option(help: "Invocations per CPU measurement (256-byte events).")
    var invocations = 3000

    @Option(help: "Cold starts measured per function.")
    var coldStarts = 15

    @Option(help: "Seconds of load on the Invoke API.")
    var seconds = 5

    @Option(help: "Concurrent connections (and instances) for the Invoke API load.")
    var connections = 8

    @Option(help: "The Python interpreter that has awslambdaric installed.")
    var python = "python3"

    func run() async throws {
        let project = try BenchProject(python: python)
        defer { project.remove() }
        let (echo, peer) = (BenchProject.echo, BenchProject.peer)
        print("runtime-bench: \(echo) (this runtime, Swift over libcurl) beside \(peer) (awslambdaric, AWS's Python runtime on aws-lambda-cpp), both hosted by the emulator")

        let cpu = try await Measurements.cpuPerInvocation(project, function: echo, invocations: invocations)
        let peerCPU = try await Measurements.cpuPerInvocation(project, function: peer, invocations: invocations)
        Report.row(
            "function CPU per invocation", ours: cpu.microseconds, peer: peerCPU.microseconds, unit: "µs",
            target: "≤ 100 µs", met: cpu.microseconds <= 100)

        let start = try await Measurements.firstNext(project, function: echo, starts: coldStarts)
        let peerStart = try await Measurements.firstNext(project, function: peer, starts: coldStarts)
        Report.row(
            "first /next after exec (median)", ours: start.milliseconds, peer: peerStart.milliseconds, unit: "ms",
            target: "≤ 10 ms", met: start.milliseconds <= 10)

        let rate = try await Measurements.invokeAPIThroughput(project, function: echo, connections: connections, seconds: seconds)
        let peerRate = try await Measurements.invokeAPIThroughput(project, function: peer, connections: connections, seconds: seconds)
        Report.row(
            "Invoke API invocations per second", ours: rate, peer: peerRate, unit: "/s",
            target: "≥ 5,000/s", met: rate >= 5000, higherIsBetter: true)
    }
}
