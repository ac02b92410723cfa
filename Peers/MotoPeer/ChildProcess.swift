public import Foundation
public import Glibc

/// A built executable running beside a test (the `TransferWorker`, the emulator), its output going
/// to a temporary file (never a pipe, which a chatty child could fill while the test waits).
/// Stopped by its process id only.
public final class ChildProcess {
    private let process = Process()
    private let outputPath = NSTemporaryDirectory() + "transfer-worker-\(getpid())-\(UUID().uuidString).log"

    public var processID: pid_t { process.processIdentifier }
    public var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// The built executable `name` in the build folder.
    public static func built(_ name: String) -> String { BuildProducts.directory + "/" + name }

    public init(executable: String, arguments: [String] = [], environment: [String: String]) throws {
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
    /// unless `seconds` says otherwise (a safety net for a hung child, not a timing assertion).
    public func waitFor<T>(_ what: String, within seconds: Double = 60, _ probe: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let value = try probe() { return value }
            guard process.isRunning else {
                let name = process.executableURL?.lastPathComponent ?? "the child"
                throw Failure(description: "\(name) exited before \(what): \(output)")
            }
            usleep(20_000)
        }
        throw Failure(description: "no \(what) within \(Int(seconds)) s: \(output)")
    }

    /// Waits for the child and returns its exit status (128 + signal when a signal ended it).
    public func waitUntilExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// SIGTERM when it still runs (a failed test), so an emulator can stop the worker it started;
    /// SIGKILL after ten seconds; then reaps it.
    public func stop() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        kill()
    }

    /// SIGKILL when it still runs (a failed test), then reaps it.
    public func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }
}
