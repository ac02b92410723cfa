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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Run provided.* functions and task containers from their packages instead: DIR/NAME/ each (make package's zips, "
                + "unpacked), in an empty root of its own (package-root, beside the emulator).",
            valueName: "dir"))
    var packages: String?

    @Option(name: .long, help: "The AWS region functions are told they run in. Default: $AWS_REGION, else us-east-1.")
    var region: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Template parameter values, as Name=Value.", valueName: "Name=Value"))
    var parameterOverrides: [String] = []

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Values of other stacks' exports that Fn::ImportValue reads, as Name=Value.", valueName: "Name=Value"))
    var importValue: [String] = []

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "A local folder that holds a function's code, for code the template keeps in S3, as Function=DIR.",
            valueName: "Function=DIR"))
    var codeDir: [String] = []

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

    /// Reads the template with the command line's values; dynamic references are read from the
    /// AWS endpoint when one is configured (`--endpoint-url`, `AWS_ENDPOINT_URL`, or credentials
    /// for AWS itself).
    func loadTemplate() throws -> SAMTemplate {
        let options = TemplateOptions(
            parameterOverrides: try Self.pairs(parameterOverrides, option: "--parameter-overrides"),
            importValues: try Self.pairs(importValue, option: "--import-value"),
            codeDirectories: try Self.pairs(codeDir, option: "--code-dir"), region: resolvedRegion,
            references: try hasEndpoint ? AWSDynamicReferences(client: makeAWSClient()) : nil)
        do {
            return try SAMTemplate.load(path: template, options: options)
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
    }

    /// Whether an AWS endpoint is configured for the emulator's own calls.
    private var hasEndpoint: Bool {
        let environment = ProcessInfo.processInfo.environment
        return endpointURL != nil || environment["AWS_ENDPOINT_URL"] != nil || environment["AWS_ACCESS_KEY_ID"] != nil
    }

    private static func pairs(_ arguments: [String], option: String) throws -> [String: String] {
        var pairs: [String: String] = [:]
        for pair in arguments {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("\(option) takes Name=Value pairs, not \(pair)")
            }
            pairs[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return pairs
    }

    /// - Parameter environment: variables every function gets besides the inherited ones (the
    ///   local services' endpoints).
    func makeHost(
        template: SAMTemplate? = nil, environment: [String: String] = [:],
        output: @escaping @Sendable (_ function: String, _ line: String) -> Void
    ) throws -> LambdaHost {
        LambdaHost(template: try template ?? loadTemplate(), options: makeOptions(environment: environment, output: output))
    }

    /// How the host starts processes: the build folder, the region, and the environment they
    /// inherit (credentials, and the endpoint from `--endpoint-url`), with `environment` over it.
    func makeOptions(
        environment: [String: String] = [:], output: @escaping @Sendable (_ process: String, _ line: String) -> Void
    ) -> HostOptions {
        var inherited = HostOptions.inheritedFromProcess()
        if let endpointURL { inherited["AWS_ENDPOINT_URL"] = endpointURL }
        inherited.merge(environment) { $1 }
        let packages = packages.map { FunctionPackages(directory: $0, packageRoot: Self.emulatorDirectory() + "/package-root") }
        return HostOptions(
            buildDirectory: buildDir ?? Self.emulatorDirectory(), packages: packages, region: resolvedRegion,
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
