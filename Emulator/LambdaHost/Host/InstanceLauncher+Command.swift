import Foundation

extension InstanceLauncher {
    /// Finds what runs for a function, in this order:
    /// - with `--packages`, for a `provided.*` runtime, its package, in a root of its own;
    /// - an executable `bootstrap` in its code folder, whatever the language, as on AWS;
    /// - for a `python3.x` runtime, this machine's Python running AWS's runtime interface client
    ///   (`python3 -m awslambdaric app.handler` in the code folder), as AWS's Python base image
    ///   runs it. It is the `python3` on PATH, the one `scripts/install-deps.sh` installs
    ///   awslambdaric into, whichever 3.x the template names;
    /// - for a `provided.*` runtime, this project's own function: the executable named like the
    ///   code folder, from the build folder.
    ///
    /// Other managed runtimes (Node.js, Java, .NET, Ruby) run only in AWS's container images, and
    /// their interface clients come from registries this machine does not use: they are refused.
    static func command(for function: FunctionConfiguration, options: HostOptions) throws(HostError) -> [String] {
        let name = FilePaths.lastComponent(of: function.codeURI)
        if let packages = options.packages, function.runtime.hasPrefix("provided") {
            return try packages.command(for: name, what: "function \(function.name)")
        }
        let bootstrap = function.codeURI + "/bootstrap"
        if BuildFolder.isRunnable(bootstrap) { return [bootstrap] }
        if function.isPython {
            return [try python(for: function), "-m", "awslambdaric", function.handler]
        }
        guard function.runtime.hasPrefix("provided") else {
            throw HostError(
                .cannotStart,
                "function \(function.name) has nothing to run: no executable \(bootstrap), and its runtime \(function.runtime) runs "
                    + "only in AWS's container image, which the emulator does not use; without Docker it runs python3.x functions "
                    + "(through awslambdaric), provided.* executables, and any code folder with an executable bootstrap")
        }
        let built = BuildFolder.path(of: name, in: options.buildDirectory)
        if BuildFolder.isRunnable(built) { return [built] }
        throw HostError(
            .cannotStart,
            "function \(function.name) has nothing to run: no executable \(bootstrap), and no executable \(built) "
                + BuildFolder.buildHint(for: name))
    }

    /// Writes a function's inline code where it runs from, as Lambda does: `index.py`.
    static func writeInlineCode(of function: FunctionConfiguration) throws(HostError) {
        guard let code = function.inlineCode else { return }
        do {
            try FileManager.default.createDirectory(atPath: function.codeURI, withIntermediateDirectories: true)
            try code.write(toFile: function.codeURI + "/index.py", atomically: true, encoding: .utf8)
        } catch {
            throw HostError(.cannotStart, "function \(function.name): cannot write its inline code to \(function.codeURI): \(error)")
        }
    }

    /// The `python3` on PATH.
    private static func python(for function: FunctionConfiguration) throws(HostError) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where BuildFolder.isRunnable("\(folder)/python3") {
            return "\(folder)/python3"
        }
        throw HostError(.cannotStart, "function \(function.name) (\(function.runtime)) needs Python: there is no python3 on PATH")
    }
}
