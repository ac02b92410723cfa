import AWS
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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The AWS endpoint (moto, LocalStack) for the emulator and its functions. Default: $AWS_ENDPOINT_URL, else AWS itself.",
            valueName: "url"))
    var endpointURL: String?

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

    func makeHost(
        template: SAMTemplate? = nil, output: @escaping @Sendable (_ function: String, _ line: String) -> Void
    ) throws -> LambdaHost {
        LambdaHost(template: try template ?? loadTemplate(), options: makeOptions(output: output))
    }

    /// How the host starts processes: the build folder, the region, and the environment they
    /// inherit (credentials, and the endpoint from `--endpoint-url`).
    func makeOptions(output: @escaping @Sendable (_ process: String, _ line: String) -> Void) -> HostOptions {
        var inherited = HostOptions.inheritedFromProcess()
        if let endpointURL { inherited["AWS_ENDPOINT_URL"] = endpointURL }
        return HostOptions(
            buildDirectory: buildDir ?? Self.emulatorDirectory(), region: resolvedRegion,
            defaultConcurrency: concurrency, inheritedEnvironment: inherited, output: output)
    }

    /// The emulator's own AWS client: credentials from the environment, the endpoint from
    /// `--endpoint-url` when given.
    func makeAWSClient() throws -> AWSClient {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_REGION"] = resolvedRegion
        if let endpointURL { environment["AWS_ENDPOINT_URL"] = endpointURL }
        do {
            return try AWSClient.fromEnvironment(environment)
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
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
