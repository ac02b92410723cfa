import Yams

/// Reads one function's properties, `Globals.Function` first and the resource's own on top.
struct FunctionReader {
    let templateDirectory: String
    let globals: Node?
    let resolver: CloudFormationResolver
    let templatePath: String

    func function(named name: String, properties: Node?) throws(TemplateError) -> FunctionConfiguration {
        func property(_ key: String) -> Node? { properties?[key] ?? globals?[key] }
        func string(_ key: String) throws(TemplateError) -> String? {
            guard let node = property(key) else { return nil }
            return try resolve(node, in: name, key)
        }
        func number(_ key: String) throws(TemplateError) -> Double? {
            guard let text = try string(key) else { return nil }
            guard let value = Double(text) else {
                throw TemplateError(path: templatePath, "function \(name): \(key) is not a number: \(text)")
            }
            return value
        }
        guard let codeURI = try string("CodeUri") else {
            throw TemplateError(path: templatePath, "function \(name) has no CodeUri")
        }
        var environment: [String: String] = [:]
        for scope in [globals, properties] {
            for (key, value) in scope?["Environment"]?["Variables"]?.mapping ?? [:] {
                guard let variable = key.string else { continue }
                environment[variable] = try resolve(value, in: name, "Environment.Variables.\(variable)")
            }
        }
        let logging = property("LoggingConfig")
        return FunctionConfiguration(
            name: name,
            codeURI: FilePaths.absolute(codeURI, relativeTo: templateDirectory),
            handler: try string("Handler") ?? "bootstrap",
            runtime: try string("Runtime") ?? "provided.al2023",
            timeoutSeconds: try number("Timeout") ?? 3,
            memorySize: Int(try number("MemorySize") ?? 128),
            environment: environment,
            reservedConcurrency: try number("ReservedConcurrentExecutions").map { Int($0) },
            logFormat: try logging?["LogFormat"].map { node throws(TemplateError) in try resolve(node, in: name, "LogFormat") },
            logLevel: try logging?["ApplicationLogLevel"].map { node throws(TemplateError) in
                try resolve(node, in: name, "ApplicationLogLevel")
            })
    }

    private func resolve(_ node: Node, in function: String, _ key: String) throws(TemplateError) -> String {
        do {
            return try resolver.string(node)
        } catch {
            throw TemplateError(path: templatePath, "function \(function), \(key): \(error.message)")
        }
    }
}
