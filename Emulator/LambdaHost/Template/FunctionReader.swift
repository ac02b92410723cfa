import StateMachine

/// Reads one function resource into what the host runs, or into the findings that say why it
/// cannot run here.
///
/// Only the properties that decide how the function runs are evaluated (code, handler, runtime,
/// limits, environment, logging): a policy that names a resource SAM would generate does not stop
/// a function from running locally.
struct FunctionReader {
    let templatePath: String
    let resolver: CloudFormationResolver
    /// `--code-dir` folders, by function, which replace the template's code location.
    let codeDirectories: [String: String]

    /// The properties that decide how a function runs, besides `Environment`.
    static let runProperties = [
        "CodeUri", "InlineCode", "ImageUri", "PackageType", "Code", "Handler", "Runtime", "Timeout", "MemorySize",
        "ReservedConcurrentExecutions", "LoggingConfig",
    ]

    /// The function, or nil with at least one finding that says why it does not run.
    /// - Parameter properties: its properties as written (for SAM, with `Globals.Function` applied).
    func read(name: String, type: String, properties: [String: JSONValue]) -> (FunctionConfiguration?, [TemplateFinding]) {
        var findings: [TemplateFinding] = []
        var resolved: [String: JSONValue] = [:]
        for key in Self.runProperties {
            guard let value = properties[key] else { continue }
            do {
                resolved[key] = try resolver.resolve(value)
            } catch {
                findings.append(TemplateFinding(.warning, resource: name, property: key, error.message))
            }
        }
        let environment = self.environment(of: name, properties["Environment"], findings: &findings)
        guard findings.isEmpty else { return (nil, findings) }
        return configuration(name: name, type: type, resolved, environment: environment)
    }

    /// `Environment.Variables`, each variable resolved on its own so a finding names it; the
    /// section itself may come from a function (`!If [Cond, {Variables: …}, !Ref AWS::NoValue]`).
    private func environment(of name: String, _ section: JSONValue?, findings: inout [TemplateFinding]) -> [String: String] {
        var variables: JSONValue?
        do {
            variables = try unwrapped(try unwrapped(section)?["Variables"])
        } catch {
            findings.append(TemplateFinding(.warning, resource: name, property: "Environment", error.message))
            return [:]
        }
        guard let variables else { return [:] }
        guard let members = variables.objectValue else {
            findings.append(TemplateFinding(.warning, resource: name, property: "Environment.Variables", "must be a mapping of names to values"))
            return [:]
        }
        var environment: [String: String] = [:]
        for (variable, value) in members {
            do {
                if let resolved = try resolver.resolve(value) { environment[variable] = try resolver.text(resolved) }
            } catch {
                findings.append(TemplateFinding(.warning, resource: name, property: "Environment.Variables.\(variable)", error.message))
            }
        }
        return environment
    }

    /// A value that is a function call evaluated, so its members can be read; any other as it is.
    private func unwrapped(_ value: JSONValue?) throws(CloudFormationResolver.Failure) -> JSONValue? {
        guard let value, let members = value.objectValue, members.count == 1, let key = members.keys.first,
            CloudFormationResolver.isFunction(key)
        else { return value }
        return try resolver.evaluate(value)
    }

    private func configuration(
        name: String, type: String, _ resolved: [String: JSONValue], environment: [String: String]
    ) -> (FunctionConfiguration?, [TemplateFinding]) {
        var findings: [TemplateFinding] = []
        func text(_ key: String) -> String? {
            guard let value = resolved[key] else { return nil }
            guard let text = value.scalarText else {
                findings.append(TemplateFinding(.warning, resource: name, property: key, "a single value is expected, not \(value.serialized())"))
                return nil
            }
            return text
        }
        /// A whole number within the range Lambda accepts for `key`.
        func number(_ key: String, in range: ClosedRange<Int>) -> Int? {
            guard let text = text(key) else { return nil }
            guard let number = Double(text), number == number.rounded() else {
                findings.append(TemplateFinding(.warning, resource: name, property: key, "\(key) is not a whole number: \(text)"))
                return nil
            }
            guard number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
                findings.append(
                    TemplateFinding(.warning, resource: name, property: key, "\(key) must be from \(range.lowerBound) to \(range.upperBound), not \(text)"))
                return nil
            }
            return Int(number)
        }
        let runtime = text("Runtime") ?? "provided.al2023"
        let handler = text("Handler")
        let directory = FilePaths.directory(of: templatePath)
        let code: (location: CodeLocation, property: String)?
        if let local = codeDirectories[name] {
            code = (.directory(FilePaths.absolute(local)), "--code-dir")
        } else if type == "AWS::Lambda::Function" {
            code = CodeLocation.lambda(resolved, templateDirectory: directory)
        } else {
            code = CodeLocation.serverless(resolved, templateDirectory: directory)
        }
        guard let code else {
            let properties = type == "AWS::Lambda::Function" ? "Code" : "CodeUri, InlineCode or ImageUri"
            return (nil, [TemplateFinding(.warning, resource: name, "the function has no \(properties)")])
        }
        if let refusal = code.location.refusal(function: name, runtime: runtime) {
            return (nil, [TemplateFinding(.warning, resource: name, property: code.property, refusal)])
        }
        if runtime.hasPrefix("python3"), handler == nil {
            findings.append(TemplateFinding(.warning, resource: name, property: "Handler", "a \(runtime) function needs a Handler (module.function)"))
        }
        var codeURI = ""
        var inlineCode: String?
        switch code.location {
        case .directory(let folder): codeURI = folder
        case .inline(let source):
            codeURI = CodeLocation.inlineFolder(templatePath: templatePath, function: name)
            inlineCode = source
        case .s3, .image: break
        }
        let logging = resolved["LoggingConfig"]
        let function = FunctionConfiguration(
            name: name, codeURI: codeURI, handler: handler ?? "bootstrap", runtime: runtime,
            timeoutSeconds: Double(number("Timeout", in: 1...900) ?? 3), memorySize: number("MemorySize", in: 128...10_240) ?? 128,
            environment: environment, reservedConcurrency: number("ReservedConcurrentExecutions", in: 0...1_000_000),
            logFormat: logging?["LogFormat"]?.scalarText, logLevel: logging?["ApplicationLogLevel"]?.scalarText,
            inlineCode: inlineCode)
        return findings.isEmpty ? (function, []) : (nil, findings)
    }
}
