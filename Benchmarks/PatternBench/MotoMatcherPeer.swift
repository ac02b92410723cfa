import Foundation
import StateMachine

/// The peer: `scripts/moto-pattern-bench.py`, moto's EventPattern matching every rule for each event,
/// as moto's PutEvents does.
enum MotoMatcherPeer {
    static func eventsPerSecond(python: String, script: String, workload: PatternWorkload, seconds: Double) throws -> Double {
        let file = NSTemporaryDirectory() + "pattern-bench-\(getpid())-\(workload.rules.count).json"
        try workload.json.serialized().write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, file, "--seconds", String(seconds)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError(
                "the moto peer (\(python) \(script)) exited with status \(process.terminationStatus); its error is above. "
                    + "Is moto installed for \(python)? (`scripts/install-deps.sh` installs it)")
        }
        guard let rate = (try? JSONValue(parsing: text))?["events_per_second"]?.doubleValue else {
            throw BenchError("the moto peer printed no events_per_second: \(text)")
        }
        return rate
    }
}
