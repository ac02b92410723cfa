#if canImport(Glibc)
import Glibc
#endif
import LineLogging

/// The entry point a function's `main.swift` calls.
///
/// ```swift
/// await Lambda.run { event, context in LambdaResponse(body: event) }
/// ```
public enum Lambda {
    /// Runs the Runtime API loop with a handler that needs no set-up.
    public static func run(_ handler: @escaping ByteHandler) async -> Never {
        await run(initialise: { handler })
    }

    /// Runs the Runtime API loop with a handler built once per process.
    ///
    /// If `initialise` throws, the error goes to `/runtime/init/error` and the process exits
    /// non-zero, which is how Lambda learns that a sandbox could not start.
    public static func run(initialise: () async throws -> ByteHandler) async -> Never {
        let logger = LambdaLogger(variable: ProcessEnvironment.value)
        let client: CurlRuntimeAPIClient
        do {
            guard let endpoint = ProcessEnvironment.value("AWS_LAMBDA_RUNTIME_API"), !endpoint.isEmpty else {
                throw RuntimeAPIError(
                    .endpointNotConfigured,
                    "AWS_LAMBDA_RUNTIME_API is not set: run this binary inside Lambda or the emulator (emulator invoke NAME)")
            }
            client = try CurlRuntimeAPIClient(endpoint: endpoint)
        } catch {
            exitWithFailure("cannot start the runtime: \(error)", logger: logger)
        }
        let handler: ByteHandler
        do {
            handler = try await initialise()
        } catch {
            var report = ErrorReport(thrown: error)
            report.category = "Function.InitError"
            logger.fatal("initialisation failed: \(report.errorType): \(report.errorMessage)")
            do { try client.sendInitError(report) } catch { logger.error("\(error)") }
            exitWithFailure("exiting after initialisation failed", logger: logger)
        }
        do {
            try await RuntimeLoop(client: client, logger: logger).run(handler)
        } catch {
            exitWithFailure("the Runtime API is unreachable, exiting: \(error)", logger: logger)
        }
    }

    private static func exitWithFailure(_ message: String, logger: LambdaLogger) -> Never {
        logger.fatal(message)
        exit(1)
    }
}

/// The process environment, read one variable at a time: a dictionary of the whole environment
/// would be the first `Dictionary<String, String>` of the process, whose generic metadata,
/// conformance checks and hashing alone touch a few hundred kilobytes of the binary at start-up.
enum ProcessEnvironment {
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
