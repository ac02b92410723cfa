import Foundation
import MotoPeer

/// The `emulator` executable as a user runs it, from the build folder of this test bundle.
enum EmulatorCommand {
    typealias Run = CommandRun

    static var buildDirectory: String { BuildProducts.directory }

    /// Runs `emulator arguments…` in `directory` to its end.
    static func run(
        _ arguments: [String], stdin: String? = nil, in directory: String, environment: [String: String]? = nil
    ) throws -> Run {
        try CommandRun.run(buildDirectory + "/emulator", arguments, stdin: stdin, environment: environment, directory: directory)
    }

    /// A process for `emulator arguments…`, not yet started.
    static func start(_ arguments: [String], in directory: String, environment: [String: String]? = nil) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: buildDirectory + "/emulator")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let environment { process.environment = environment }
        return process
    }

    /// Runs another program (the AWS CLI) to its end.
    static func program(_ arguments: [String], environment: [String: String]) throws -> Run {
        try CommandRun.run("/usr/bin/env", arguments, environment: environment)
    }
}
