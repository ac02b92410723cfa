import LambdaRuntime
import Synchronization

/// A Runtime API in memory: hands out scripted `/next` outcomes in order and records every call.
/// When the script runs out, `/next` throws ``EndOfScript`` so the loop under test returns.
final class ScriptedClient: RuntimeAPIClient, Sendable {
    enum Step: Sendable {
        case invocation(Invocation)
        case connectionFailure
    }

    enum Call: Sendable, Equatable {
        case response(requestID: String, body: [UInt8], contentType: String)
        case error(requestID: String, ErrorReport)
        case initError(ErrorReport)
    }

    struct EndOfScript: Error {}

    private let script: Mutex<[Step]>
    private let recorded = Mutex<[Call]>([])
    private let nextCount = Mutex(0)

    init(_ steps: [Step]) {
        script = Mutex(steps)
    }

    var calls: [Call] { recorded.withLock { $0 } }
    var nextAttempts: Int { nextCount.withLock { $0 } }

    func nextInvocation(logger: LambdaLogger) throws -> Invocation {
        nextCount.withLock { $0 += 1 }
        let step = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch step {
        case .invocation(let invocation): return invocation
        case .connectionFailure: throw RuntimeAPIError(.connectionFailed, "connection refused")
        case nil: throw EndOfScript()
        }
    }

    func sendResponse(_ response: LambdaResponse, requestID: String) throws {
        recorded.withLock { $0.append(.response(requestID: requestID, body: response.body, contentType: response.contentType)) }
    }

    func sendError(_ report: ErrorReport, requestID: String) throws {
        recorded.withLock { $0.append(.error(requestID: requestID, report)) }
    }

    func sendInitError(_ report: ErrorReport) throws {
        recorded.withLock { $0.append(.initError(report)) }
    }
}

/// Log lines kept in memory, for assertions on what a logger wrote.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var text: [String] { lines.withLock { $0 } }

    func logger(format: LambdaLogger.Format = .text, level: LogLevel = .info) -> LambdaLogger {
        LambdaLogger(format: format, minimumLevel: level) { line in self.lines.withLock { $0.append(line) } }
    }
}

func makeInvocation(
    _ event: String, requestID: String = "req-1", traceID: String? = nil, logger: LambdaLogger
) -> Invocation {
    Invocation(
        event: Array(event.utf8),
        context: LambdaContext(
            requestID: requestID, deadlineMilliseconds: Int64.max / 2, invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:f",
            traceID: traceID, logger: logger.forRequest(requestID)))
}
