#if canImport(Glibc)
import Glibc
#endif
public import LineLogging
import UTCTime

/// A handler over raw bytes: the event as received, the answer as sent.
public typealias ByteHandler = (_ event: [UInt8], _ context: LambdaContext) async throws -> LambdaResponse

/// The Runtime API loop: next → handler → response or error, for as long as the process lives.
///
/// A handler's error ends that invocation only; the loop goes on to the next one. Only a Runtime API
/// that stays unreachable ends the loop, by throwing, after ``NextRetryPolicy`` has been spent.
public struct RuntimeLoop<Client: RuntimeAPIClient> {
    public let client: Client
    public let logger: LambdaLogger
    public let retry: NextRetryPolicy

    public init(client: Client, logger: LambdaLogger, retry: NextRetryPolicy = .standard) {
        self.client = client
        self.logger = logger
        self.retry = retry
    }

    /// Runs until the Runtime API fails for good, and throws that failure.
    public func run(_ handler: ByteHandler) async throws -> Never {
        while true {
            let invocation = try next()
            try await handle(invocation, with: handler)
        }
    }

    /// Runs one invocation through the handler and reports its outcome.
    func handle(_ invocation: Invocation, with handler: ByteHandler) async throws {
        let context = invocation.context
        TraceEnvironment.set(context.traceID)
        let response: LambdaResponse
        do {
            response = try await handler(invocation.event, context)
        } catch {
            let report = ErrorReport(thrown: error)
            context.logger.error("\(report.errorType): \(report.errorMessage)")
            try client.sendError(report, requestID: context.requestID)
            return
        }
        try client.sendResponse(response, requestID: context.requestID)
    }

    /// `/next`, retried with a doubling delay while the connection fails.
    ///
    /// The delay blocks the thread, as the calls themselves do: the loop has nothing else to do,
    /// and `Task.sleep` would start the concurrency runtime's worker threads in a process that
    /// otherwise runs on one.
    func next() throws -> Invocation {
        var attempt = 1
        while true {
            do {
                return try client.nextInvocation(logger: logger)
            } catch let error as RuntimeAPIError where error.code == .connectionFailed && attempt < retry.attempts {
                logger.warn("Runtime API unreachable (attempt \(attempt) of \(retry.attempts)): \(error.message)")
                ThreadSleep.sleep(for: retry.delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }
}

/// How long `/next` keeps trying when the Runtime API refuses or drops connections.
public struct NextRetryPolicy: Sendable {
    /// Total tries, the first one included.
    public var attempts: Int
    /// The wait after the first failure; each later wait doubles.
    public var firstDelay: Duration

    public init(attempts: Int, firstDelay: Duration) {
        self.attempts = max(1, attempts)
        self.firstDelay = firstDelay
    }

    /// Six tries over about 1.5 seconds: long enough to ride out a restarting endpoint, short enough
    /// that a sandbox whose API is gone stops quickly.
    public static let standard = NextRetryPolicy(attempts: 6, firstDelay: .milliseconds(50))

    func delay(afterAttempt attempt: Int) -> Duration {
        firstDelay * (1 << min(attempt - 1, 16))
    }
}

/// `_X_AMZN_TRACE_ID`, which `provided` runtimes must set per invocation from `Lambda-Runtime-Trace-Id`
/// so that X-Ray-aware code in the handler finds the current trace.
///
/// `setenv` copies every new value and never frees the old ones, which would leak a trace id per
/// invocation for the life of the sandbox; `putenv` keeps our own string, which we free once the
/// environment points at its successor.
enum TraceEnvironment {
    nonisolated(unsafe) private static var current: UnsafeMutablePointer<CChar>?

    static func set(_ traceID: String?) {
        let previous = current
        if let traceID, let entry = strdup("_X_AMZN_TRACE_ID=" + traceID) {
            current = entry
            putenv(entry)
        } else {
            current = nil
            unsetenv("_X_AMZN_TRACE_ID")
        }
        free(previous)
    }
}
