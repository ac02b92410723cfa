import Foundation
import TestLogs

/// A finished child process: exit status and everything it wrote. Output goes through files in
/// `TestLogs`, not pipes, so a chatty child can never block on a full pipe while the test waits.
public struct CommandRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Runs `executable` to its end, with `stdin` as its standard input (none when nil).
    public static func run(
        _ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        directory: String? = nil
    ) throws -> CommandRun {
        let name = URL(fileURLWithPath: executable).lastPathComponent + (arguments.first.map { "-\($0)" } ?? "")
        let (out, err) = (TestLogs.newFile(name + "-stdout"), TestLogs.newFile(name + "-stderr"))
        let input = NSTemporaryDirectory() + "command-\(getpid())-\(UUID().uuidString).in"
        _ = FileManager.default.createFile(atPath: input, contents: Data((stdin ?? "").utf8))
        defer {
            try? FileManager.default.removeItem(atPath: input)
            TestLogs.discard(out)
            TestLogs.discard(err)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = stdin == nil ? FileHandle.nullDevice : FileHandle(forReadingAtPath: input)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        process.waitUntilExit()
        return CommandRun(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
