import Foundation

/// Runs a template's functions on this machine: the local equivalent of the Lambda service.
///
/// Instances start on first use and stay warm until ``shutdown()``. Every method may be called from
/// any task.
public final class LambdaHost: Sendable {
    public let template: SAMTemplate
    private let pools: [String: FunctionPool]
    private let unrunnable: [String: HostError]

    /// Lambda's limit on a synchronous invocation's event.
    public static let requestLimit = 6 * 1024 * 1024

    public init(template: SAMTemplate, options: HostOptions) {
        self.template = template
        var pools: [String: FunctionPool] = [:]
        var unrunnable: [String: HostError] = [:]
        for (name, refusal) in template.refusedFunctions {
            unrunnable[name] = HostError(.cannotStart, "function \(name) does not run locally: \(refusal.property.map { "\($0): " } ?? "")\(refusal.message)")
        }
        for (name, function) in template.functions {
            do {
                try InstanceLauncher.writeInlineCode(of: function)
                let launcher = InstanceLauncher(
                    function: function, command: try InstanceLauncher.command(for: function, options: options),
                    packaged: options.packages != nil && function.runtime.hasPrefix("provided"),
                    region: options.region, inherited: options.inheritedEnvironment)
                let output = options.output
                pools[name] = FunctionPool(
                    function: function, launcher: launcher,
                    limit: function.reservedConcurrency ?? options.defaultConcurrency,
                    forward: { line in output(name, line) })
            } catch {
                unrunnable[name] = error
            }
        }
        self.pools = pools
        self.unrunnable = unrunnable
    }

    public var functionNames: [String] { template.functions.keys.sorted() }

    /// Runs one invocation and waits for its result.
    ///
    /// A function's failure (error, timeout, crash) is a result with `functionError` set; the host
    /// throws only when it cannot run the invocation at all.
    public func invoke(_ name: String, payload: [UInt8], options: InvokeOptions = .init()) async throws(HostError) -> InvocationResult {
        let pool = try self.pool(name)
        guard payload.count <= Self.requestLimit else {
            throw HostError(
                .payloadTooLarge,
                "the event is \(payload.count) bytes; Lambda accepts at most \(Self.requestLimit) for a synchronous invocation")
        }
        if pool.function.reservedConcurrency == 0 {
            throw HostError(.throttled, "function \(name) has ReservedConcurrentExecutions 0: every invocation is throttled")
        }
        return await pool.submit(payload: payload, options: options).result.value
    }

    /// Why a function of the template would not start on this machine (code it cannot run,
    /// nothing to run, no Python), or nil when it would: what `validate` reports, starting nothing.
    public static func startProblem(of name: String, in template: SAMTemplate, options: HostOptions) -> String? {
        if let refusal = template.refusedFunctions[name] { return refusal.message }
        guard let function = template.functions[name] else { return "the template has no function \(name)" }
        do {
            _ = try InstanceLauncher.command(for: function, options: options)
            return nil
        } catch {
            return error.message
        }
    }

    /// Checks that a function exists and can run, without invoking it (the Invoke API's DryRun).
    public func validate(_ name: String) throws(HostError) {
        _ = try pool(name)
    }

    /// What the host measured of a function's instances that have ended.
    public func statistics(of name: String) async throws(HostError) -> PoolStatistics {
        try await pool(name).measurements()
    }

    /// Stops every instance and waits until their processes are gone.
    public func shutdown() async {
        await withTaskGroup(of: Void.self) { group in
            for pool in pools.values { group.addTask { await pool.shutdown() } }
        }
    }

    /// The pool of the function `name` names: its logical id, or its `FunctionName`, which is
    /// what ARNs from `!GetAtt Function.Arn` and SDK callers carry.
    private func pool(_ name: String) throws(HostError) -> FunctionPool {
        let name = template.functionID(named: name) ?? name
        if let pool = pools[name] { return pool }
        if let error = unrunnable[name] { throw error }
        let known = functionNames.joined(separator: ", ")
        throw HostError(.functionNotFound, "Function not found: \(name) (the template defines: \(known.isEmpty ? "none" : known))")
    }
}

/// How a host runs its functions.
public struct HostOptions: Sendable {
    /// Where the project's own function executables are built (`swift build --show-bin-path`).
    public var buildDirectory: String
    /// When set, `provided.*` functions and task containers run from their packages instead.
    public var packages: FunctionPackages?
    public var region: String
    /// Instances per function when the template reserves no concurrency.
    public var defaultConcurrency: Int
    /// Variables passed from the host's environment to every function.
    public var inheritedEnvironment: [String: String]
    /// Receives every log line of every function, with the function's name.
    public var output: @Sendable (_ function: String, _ line: String) -> Void

    public init(
        buildDirectory: String, packages: FunctionPackages? = nil, region: String = "us-east-1", defaultConcurrency: Int = 16,
        inheritedEnvironment: [String: String] = HostOptions.inheritedFromProcess(),
        output: @escaping @Sendable (_ function: String, _ line: String) -> Void
    ) {
        self.buildDirectory = buildDirectory
        self.packages = packages
        self.region = region
        self.defaultConcurrency = defaultConcurrency
        self.inheritedEnvironment = inheritedEnvironment
        self.output = output
    }

    /// The variables of this process that functions inherit: credentials, endpoints, PATH.
    public static func inheritedFromProcess() -> [String: String] {
        ProcessInfo.processInfo.environment.filter { name, _ in
            InstanceLauncher.passedThrough.contains(name) || name.hasPrefix("AWS_ENDPOINT_URL_")
        }
    }
}
