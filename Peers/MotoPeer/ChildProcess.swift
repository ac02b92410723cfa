public import Foundation
import Glibc
import TestLogs

/// A built executable running beside a test (the `TransferWorker`, the emulator), its output going
/// to a log file in `TestLogs` (never a pipe, which a chatty child could fill while the test
/// waits). Stopped by its process id only.
///
/// A watchdog shell beside it ends it (SIGTERM, then SIGKILL ten seconds later, by its process id)
/// once the test process is gone, so a child a crashed or abandoned test started never outlives
/// the tests; the watchdog itself ends with the child.
public final class ChildProcess: Sendable {
    private let process = Process()
    private let watchdog = Process()
    private let outputPath: String

    public var processID: pid_t { process.processIdentifier }
    public var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    /// `output`, line by line.
    public var lines: [String] { output.split(separator: "\n").map(String.init) }

    /// The built executable `name` in the build folder.
    public static func built(_ name: String) -> String { BuildProducts.directory + "/" + name }

    public init(executable: String, arguments: [String] = [], environment: [String: String], directory: String? = nil) throws {
        let name = URL(fileURLWithPath: executable).lastPathComponent
        outputPath = TestLogs.newFile(arguments.first.map { "\(name)-\($0)" } ?? name)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = process.standardOutput
        try process.run()
        let child = process.processIdentifier
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = [
            "-c",
            """
            while kill -0 \(getpid()) 2>/dev/null && kill -0 \(child) 2>/dev/null; do sleep 1; done
            kill -0 \(child) 2>/dev/null || exit 0
            kill -TERM \(child); sleep 10; kill -KILL \(child) 2>/dev/null
            """,
        ]
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        do {
            try watchdog.run()
        } catch {
            kill()
            throw error
        }
    }

    /// Starts `executable` and waits until a line of its output contains `ready`; stops it and
    /// throws when it exits first or `seconds` pass.
    public convenience init(
        executable: String, arguments: [String] = [], environment: [String: String], directory: String? = nil, ready: String,
        within seconds: Double = 60
    ) throws {
        try self.init(executable: executable, arguments: arguments, environment: environment, directory: directory)
        do {
            _ = try waitFor("a line containing \(ready)", within: seconds) { output.contains(ready) ? true : nil }
        } catch {
            stop()
            throw error
        }
    }

    deinit {
        TestLogs.discard(outputPath)
    }

    /// The rest of the first line of `output` containing `prefix`, after it.
    public func value(after prefix: String) -> String? {
        lines.compactMap { line in line.range(of: prefix).map { String(line[$0.upperBound...]) } }.first
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
