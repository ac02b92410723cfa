import Foundation
import MotoPeer
import Synchronization

/// An `emulator` command that serves until stopped (start-api, start), with its standard error
/// kept line by line.
///
/// It runs under a small watchdog shell that ends it (SIGTERM, by its process id) once `stop()`
/// drops the stop file or the test process is gone, so an emulator a shared fixture started
/// never outlives the tests.
final class RunningEmulator: Sendable {
    let process: Process
    private let stopFile: String
    private let lines = LineBuffer()

    /// Starts `emulator arguments…` in `directory` and waits until a line contains `ready`.
    init(_ arguments: [String], in directory: String, environment: [String: String], ready: String, within seconds: Double = 60) throws {
        stopFile = NSTemporaryDirectory() + "emulator-\(getpid())-\(UUID().uuidString).stop"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c",
            """
            "$0" "$@" & E=$!
            while [ ! -e '\(stopFile)' ] && kill -0 \(getpid()) 2>/dev/null && kill -0 $E 2>/dev/null; do sleep 0.2; done
            kill -TERM $E 2>/dev/null; wait $E; rm -f '\(stopFile)'
            """,
            BuildProducts.directory + "/emulator",
        ] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        errors.fileHandleForReading.readabilityHandler = { [lines] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            lines.append(text.split(separator: "\n").map(String.init))
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

    var all: [String] { lines.all }

    /// The rest of the first line containing `prefix`, after it.
    func value(after prefix: String) -> String? {
        all.compactMap { line in line.range(of: prefix).map { String(line[$0.upperBound...]) } }.first
    }

    func stop() {
        _ = FileManager.default.createFile(atPath: stopFile, contents: nil)
        process.waitUntilExit()
    }
}

/// Lines written by another thread, read by the test.
final class LineBuffer: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ more: [String]) {
        lines.withLock { $0 += more }
    }

    var all: [String] { lines.withLock { $0 } }
}
