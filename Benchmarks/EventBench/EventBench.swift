import AWS
import ArgumentParser
import Foundation
import LambdaHost
import MotoPeer
import StateMachine
import Synchronization

/// `event-bench`: the event plane on moto, with Echo as the function: S3 upload to function
/// invoked (p50, p99), and events per second through EventBridge → SQS → function.
@main
struct EventBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event-bench",
        abstract: "Measures S3 upload → function latency and EventBridge → SQS → function throughput on moto, with Echo.")

    @Option(help: "Objects uploaded one after another for the latency figures.")
    var uploads = 40

    @Option(help: "Events put on the bus for the throughput figure.")
    var events = 400

    func run() async throws {
        let account = try MotoAccount(
            userName: "event-bench", policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        defer { account.stop() }
        let project = try EventBenchProject()
        defer { project.remove() }
        var environment = HostOptions.inheritedFromProcess()
        for (name, value) in account.processEnvironment { environment[name] = value }
        let host = LambdaHost(
            template: project.template,
            options: HostOptions(buildDirectory: project.buildDirectory, inheritedEnvironment: environment, output: { _, _ in }))
        let client = account.client()
        try ResourceProvisioner(template: project.template, client: client).provision { _ in }
        let hops = HopCounter()
        let plane = EventPlane(wiring: EventWiring(template: project.template), host: host, client: client, region: account.region, log: hops.count)
        let sources = Task { await plane.runSources() }
        print("event-bench: the event plane on moto (IAM-checked), Echo as the function")
        try await waitUntil { hops.bucketsWatched }

        var latencies: [Double] = []
        let s3 = S3Client(client: client)
        for index in 0..<uploads {
            let before = hops.notifications
            _ = try s3.putObject(bucket: EventBenchProject.bucket, key: "in/object-\(index).csv", body: .bytes(Array("a,b\n".utf8)))
            let put = ContinuousClock.now
            try await waitUntil { hops.notifications > before }
            latencies.append((ContinuousClock.now - put).milliseconds)
        }
        latencies.sort()
        let p50 = latencies[latencies.count / 2]
        let p99 = latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        print("S3 upload → function answered       p50 \(String(format: "%.0f", p50)) ms   p99 \(String(format: "%.0f", p99)) ms   "
            + "(\(uploads) uploads)   target ≤ 2000 ms: \(p99 <= 2000 ? "met" : "NOT met")")

        let start = ContinuousClock.now
        let total = events
        await withTaskGroup(of: Void.self) { group in
            for producer in 0..<8 {
                group.addTask {
                    for index in stride(from: producer, to: total, by: 8) {
                        _ = await plane.put(
                            EventBenchProject.event(index: index), bus: EventWiring.defaultBus)
                    }
                }
            }
        }
        try await waitUntil(seconds: 120) { hops.records >= total }
        let rate = Double(total) / (ContinuousClock.now - start).milliseconds * 1000
        print("EventBridge → SQS → function         \(String(format: "%.0f", rate)) events/s   (\(total) events, BatchSize 10)")
        sources.cancel()
        await sources.value
        await host.shutdown()
    }

    private func waitUntil(seconds: Int = 30, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw BenchError("the event plane did not deliver within \(seconds) s") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// Counts the event plane's hops from its log lines.
final class HopCounter: Sendable {
    private let state = Mutex<(notifications: Int, records: Int, watching: Bool)>((0, 0, false))

    var notifications: Int { state.withLock { $0.notifications } }
    var records: Int { state.withLock { $0.records } }
    var bucketsWatched: Bool { state.withLock { $0.watching } }

    func count(_ line: String) {
        state.withLock { state in
            if line.hasPrefix("notification "), line.contains(": answered") { state.notifications += 1 }
            if line.hasPrefix("watching ") { state.watching = true }
            if let got = line.range(of: " got "), let number = Int(line[got.upperBound...].prefix { $0.isNumber }) {
                state.records += number
            }
        }
    }
}

/// A benchmark failure, said as what failed.
struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
