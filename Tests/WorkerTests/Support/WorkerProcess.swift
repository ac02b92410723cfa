import Foundation
import Glibc
import MotoPeer

/// A built executable as a child process (`TransferWorker`, or the emulator running it), its
/// output going to a temporary file (never a pipe, which a chatty child could fill while the test
/// waits). Stopped by its process id only.
final class WorkerProcess {
    private let process = Process()
    private let outputPath = NSTemporaryDirectory() + "transfer-worker-\(getpid())-\(UUID().uuidString).log"

    var processID: pid_t { process.processIdentifier }
    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    static var worker: String { BuildProducts.directory + "/TransferWorker" }
    static var emulator: String { BuildProducts.directory + "/emulator" }

    init(executable: String = WorkerProcess.worker, arguments: [String] = [], environment: [String: String]) throws {
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = process.standardOutput
        try process.run()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: outputPath)
    }

    /// Polls `probe` until it returns a value; fails when the child exits first, or after a minute
    /// (a safety net for a hung child, not a timing assertion).
    func waitFor<T>(_ what: String, _ probe: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let value = try probe() { return value }
            guard process.isRunning else {
                let name = process.executableURL?.lastPathComponent ?? "the child"
                throw Failure(description: "\(name) exited before \(what): \(output)")
            }
            usleep(20_000)
        }
        throw Failure(description: "no \(what) within a minute: \(output)")
    }

    /// Waits for the child and returns its exit status (128 + signal when a signal ended it).
    func waitUntilExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// SIGTERM when it still runs (a failed test), so an emulator can stop the worker it started;
    /// SIGKILL after ten seconds; then reaps it.
    func stop() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        kill()
    }

    /// SIGKILL when it still runs (a failed test), then reaps it.
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}
