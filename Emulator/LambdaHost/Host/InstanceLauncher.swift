import Foundation

/// Knows how to start one function's instances: which program, with which environment.
struct InstanceLauncher: Sendable {
    let function: FunctionConfiguration
    /// The program and its arguments (see ``command(for:options:)``).
    let command: [String]
    /// Whether it runs from its package, in a root where the package is `/var/task`.
    let packaged: Bool
    let region: String
    /// Variables the host passes through from its own environment (credentials, endpoints).
    let inherited: [String: String]

    /// Variables a host passes to every function unless the template sets them.
    static let passedThrough = [
        "PATH", "LANG", "HOME", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL", "AWS_CA_BUNDLE", "AWS_MAX_ATTEMPTS", "LD_LIBRARY_PATH",
    ]

    /// The environment of an instance, as Lambda builds it: the template's variables, then the
    /// reserved ones, which a template cannot override.
    func environment(runtimeAPI: String, instance: Int) -> [String: String] {
        var variables = inherited
        variables.merge(function.environment) { $1 }
        let reserved: [String: String] = [
            "AWS_LAMBDA_RUNTIME_API": runtimeAPI,
            "AWS_LAMBDA_FUNCTION_NAME": function.name,
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(function.memorySize),
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/\(function.name)",
            "AWS_LAMBDA_LOG_STREAM_NAME": "local/[$LATEST]\(String(instance, radix: 16))",
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region,
            "_HANDLER": function.handler,
            "LAMBDA_TASK_ROOT": packaged ? FunctionPackages.taskRoot : function.codeURI,
            "LAMBDA_RUNTIME_DIR": packaged ? "/var/runtime" : FilePaths.directory(of: command[0]),
            "TZ": ":UTC",
        ]
        variables.merge(reserved) { $1 }
        if let format = function.logFormat { variables["AWS_LAMBDA_LOG_FORMAT"] = format }
        if let level = function.logLevel { variables["AWS_LAMBDA_LOG_LEVEL"] = level }
        if function.isPython { variables["AWS_EXECUTION_ENV"] = "AWS_Lambda_\(function.runtime)" }
        return variables
    }
}
