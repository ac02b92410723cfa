import Foundation
import LambdaHost

/// The three figures of the Runtime API benchmark.
enum Measurements {
    /// CPU time of the function process per invocation, from `wait4`'s rusage of whole process
    /// lives: two runs of different lengths, so start-up cost cancels out of the difference.
    static func cpuPerInvocation(_ project: BenchProject, function: String, invocations: Int) async throws -> Duration {
        let short = try await processCPU(project, function: function, invocations: invocations / 10)
        let long = try await processCPU(project, function: function, invocations: invocations)
        return (long - short) / (invocations - invocations / 10)
    }

    private static func processCPU(_ project: BenchProject, function: String, invocations: Int) async throws -> Duration {
        let host = project.makeHost()
        for _ in 0..<invocations {
            let result = try await host.invoke(function, payload: BenchProject.event)
            guard result.succeeded, sameJSON(result.payload, BenchProject.event) else {
                throw BenchError("\(function) answered wrongly: \(String(decoding: result.payload.prefix(300), as: UTF8.self))")
            }
        }
        await host.shutdown()
        let statistics = try await host.statistics(of: function)
        guard statistics.exitedInstances == 1 else {
            throw BenchError("\(function) used \(statistics.exitedInstances) instances; expected one warm instance")
        }
        return statistics.cpuTime
    }

    /// Python's runtime re-encodes the answer with its own spacing, so answers compare as JSON values.
    private static func sameJSON(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        let parse = { (bytes: [UInt8]) in (try? JSONSerialization.jsonObject(with: Data(bytes))) as? NSDictionary }
        guard let left = parse(left), let right = parse(right) else { return false }
        return left == right
    }

    /// Time from starting the process to its first `/next`, over several cold starts; the median.
    static func firstNext(_ project: BenchProject, function: String, starts: Int) async throws -> Duration {
        var samples: [Duration] = []
        for _ in 0..<starts {
            let host = project.makeHost()
            _ = try await host.invoke(function, payload: BenchProject.event)
            await host.shutdown()
            samples += try await host.statistics(of: function).initDurations
        }
        return samples.sorted()[samples.count / 2]
    }

    /// Invocations per second through the Invoke API, driven by wrk over loopback.
    static func invokeAPIThroughput(_ project: BenchProject, function: String, connections: Int, seconds: Int) async throws -> Double {
        let host = project.makeHost(concurrency: connections)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = Task { try await InvokeAPIServer(host: host).run(port: 0) { continuation.yield($0) } }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw BenchError("the Invoke API did not start") }
        let url = "http://127.0.0.1:\(port)/2015-03-31/functions/\(function)/invocations"
        _ = try await Wrk.run(url: url, body: BenchProject.event, connections: connections, seconds: 1)
        let requestsPerSecond = try await Wrk.run(url: url, body: BenchProject.event, connections: connections, seconds: seconds)
        await host.shutdown()
        return requestsPerSecond
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
