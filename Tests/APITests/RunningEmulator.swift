import Foundation
import MotoPeer
import Synchronization

/// An `emulator` command that serves until stopped (start-api, start), with its standard error
/// kept line by line. Stopped with SIGINT by the test that started it.
final class RunningEmulator: Sendable {
    let process: Process
    private let lines = Mutex<[String]>([])

    /// Starts `emulator arguments…` in `directory` and waits until a line contains `ready`.
    init(_ arguments: [String], in directory: String, environment: [String: String], ready: String, within seconds: Double = 60) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: BuildProducts.directory + "/emulator")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        errors.fileHandleForReading.readabilityHandler = { [lines] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            lines.withLock { $0 += text.split(separator: "\n").map(String.init) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while !all.contains(where: { $0.contains(ready) }) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw TestFailure("the emulator did not say \(ready):\n\(all.joined(separator: "\n"))")
            }
            usleep(50_000)
        }
    }

    var all: [String] { lines.withLock { $0 } }

    /// The rest of the first line containing `prefix`, after it.
    func value(after prefix: String) -> String? {
        all.compactMap { line in line.range(of: prefix).map { String(line[$0.upperBound...]) } }.first
    }

    func stop() {
        if process.isRunning { process.interrupt() }
        process.waitUntilExit()
    }
}
