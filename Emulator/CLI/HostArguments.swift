import ArgumentParser
import Foundation
import LambdaHost

/// The options every command that runs functions shares.
struct HostArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SAM template to read.", valueName: "file"))
    var template = "template.yaml"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where this project's function executables are built. Default: the folder of the emulator itself.",
            valueName: "dir"))
    var buildDir: String?

    @Option(name: .long, help: "The AWS region functions are told they run in. Default: $AWS_REGION, else us-east-1.")
    var region: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Template parameter values, as Name=Value.", valueName: "Name=Value"))
    var parameterOverrides: [String] = []

    @Option(name: .long, help: "Instances per function when the template reserves no concurrency.")
    var concurrency = 16

    var resolvedRegion: String {
        region ?? ProcessInfo.processInfo.environment["AWS_REGION"] ?? "us-east-1"
    }

    func loadTemplate() throws -> SAMTemplate {
        var overrides: [String: String] = [:]
        for pair in parameterOverrides {
            guard let equals = pair.firstIndex(of: "=") else {
                throw ValidationError("--parameter-overrides takes Name=Value pairs, not \(pair)")
            }
            overrides[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        do {
            return try SAMTemplate.load(path: template, parameterOverrides: overrides, region: resolvedRegion)
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
    }

    func makeHost(output: @escaping @Sendable (_ function: String, _ line: String) -> Void) throws -> LambdaHost {
        let options = HostOptions(
            buildDirectory: buildDir ?? Self.emulatorDirectory(), region: resolvedRegion,
            defaultConcurrency: concurrency, output: output)
        return LambdaHost(template: try loadTemplate(), options: options)
    }

    /// The folder of the running emulator binary, where `swift build` also puts the functions.
    private static func emulatorDirectory() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().path
    }
}

/// Writes to standard error, unbuffered, one whole line per call.
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
