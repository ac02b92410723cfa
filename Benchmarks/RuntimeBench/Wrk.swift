import Foundation

/// The wrk load generator, posting one body over a fixed number of keep-alive connections.
enum Wrk {
    /// Runs wrk on a thread of its own, so the waiting never blocks the host's single event loop.
    static func run(url: String, body: [UInt8], connections: Int, seconds: Int) async throws -> Double {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(url: url, body: body, connections: connections, seconds: seconds) })
            }
        }
    }

    /// Runs wrk and returns its requests per second; fails if any request was not a 2xx.
    private static func runBlocking(url: String, body: [UInt8], connections: Int, seconds: Int) throws -> Double {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("wrk-\(UUID().uuidString).lua").path
        defer { try? FileManager.default.removeItem(atPath: script) }
        let quoted = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        try """
            wrk.method = "POST"
            wrk.body = "\(quoted)"
            wrk.headers["Content-Type"] = "application/json"
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wrk", "-t1", "-c\(connections)", "-d\(seconds)s", "-s", script, url]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("wrk failed: \(text)") }
        if let errors = text.split(separator: "\n").first(where: { $0.contains("Non-2xx") }) {
            throw BenchError("wrk saw failed requests: \(errors)")
        }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
            let value = Double(line.split(separator: " ").last ?? "")
        else { throw BenchError("wrk printed no rate: \(text)") }
        return value
    }
}
