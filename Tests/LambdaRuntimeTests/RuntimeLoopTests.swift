@testable import LambdaRuntime
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("The Runtime API loop, driven in memory")
struct RuntimeLoopTests {
    let logs = LogCapture()

    struct TransferRefused: FunctionError {
        var errorType: String { "NonRetryableError" }
        var errorMessage: String { "access denied to s3://dest/key" }
    }

    @Test("each invocation's answer goes back under its own request id, with its content type")
    func answersEachInvocation() async throws {
        let client = ScriptedClient([
            .invocation(makeInvocation(#"{"n":1}"#, requestID: "a", logger: logs.logger())),
            .invocation(makeInvocation(#"{"n":2}"#, requestID: "b", logger: logs.logger())),
        ])
        let loop = RuntimeLoop(client: client, logger: logs.logger())
        await #expect(throws: ScriptedClient.EndOfScript.self) {
            try await loop.run { event, context in
                LambdaResponse(body: Array("\(context.requestID):".utf8) + event, contentType: "text/plain")
            }
        }
        #expect(client.calls == [
            .response(requestID: "a", body: Array(#"a:{"n":1}"#.utf8), contentType: "text/plain"),
            .response(requestID: "b", body: Array(#"b:{"n":2}"#.utf8), contentType: "text/plain"),
        ])
    }

    @Test("a thrown error is reported as the function's, with its own errorType, and the loop goes on")
    func reportsThrownErrorsAndContinues() async throws {
        let client = ScriptedClient([
            .invocation(makeInvocation("{}", requestID: "fails", logger: logs.logger())),
            .invocation(makeInvocation("{}", requestID: "works", logger: logs.logger())),
        ])
        let loop = RuntimeLoop(client: client, logger: logs.logger())
        await #expect(throws: ScriptedClient.EndOfScript.self) {
            try await loop.run { _, context in
                if context.requestID == "fails" { throw TransferRefused() }
                return LambdaResponse(body: Array("ok".utf8))
            }
        }
        let expected = ErrorReport(
            errorType: "NonRetryableError", errorMessage: "access denied to s3://dest/key", category: "Function.Unhandled")
        #expect(client.calls == [
            .error(requestID: "fails", expected),
            .response(requestID: "works", body: Array("ok".utf8), contentType: "application/json"),
        ])
        #expect(logs.text.contains { $0.contains("fails\tERROR\tNonRetryableError: access denied") })
    }

    @Test("_X_AMZN_TRACE_ID holds the invocation's trace id while the handler runs, and is cleared without one")
    func setsTraceEnvironment() async throws {
        let client = ScriptedClient([
            .invocation(makeInvocation("{}", requestID: "traced", traceID: "Root=1-abc;Sampled=1", logger: logs.logger())),
            .invocation(makeInvocation("{}", requestID: "untraced", logger: logs.logger())),
        ])
        let loop = RuntimeLoop(client: client, logger: logs.logger())
        await #expect(throws: ScriptedClient.EndOfScript.self) {
            try await loop.run { _, _ in
                let value = getenv("_X_AMZN_TRACE_ID").map { String(cString: $0) } ?? "unset"
                return LambdaResponse(body: Array(value.utf8))
            }
        }
        #expect(client.calls.map(\.body) == ["Root=1-abc;Sampled=1", "unset"])
    }

    @Test("a refused /next is retried with backoff until the API answers")
    func retriesRefusedNext() async throws {
        let client = ScriptedClient([
            .connectionFailure, .connectionFailure,
            .invocation(makeInvocation("{}", requestID: "late", logger: logs.logger())),
        ])
        let loop = RuntimeLoop(client: client, logger: logs.logger(), retry: NextRetryPolicy(attempts: 5, firstDelay: .milliseconds(1)))
        await #expect(throws: ScriptedClient.EndOfScript.self) {
            try await loop.run { event, _ in LambdaResponse(body: event) }
        }
        #expect(client.calls.count == 1)
        #expect(client.nextAttempts == 4)
        #expect(logs.text.filter { $0.contains("Runtime API unreachable") }.count == 2)
    }

    @Test("a /next that keeps failing ends the loop after the policy's attempts")
    func givesUpOnUnreachableAPI() async throws {
        let client = ScriptedClient(Array(repeating: .connectionFailure, count: 10))
        let loop = RuntimeLoop(client: client, logger: logs.logger(), retry: NextRetryPolicy(attempts: 3, firstDelay: .milliseconds(1)))
        let error = await #expect(throws: RuntimeAPIError.self) {
            try await loop.run { event, _ in LambdaResponse(body: event) }
        }
        #expect(error?.code == .connectionFailed)
        #expect(client.nextAttempts == 3)
        #expect(client.calls.isEmpty)
    }

    @Test("the retry delay doubles from the first delay")
    func retryDelaysDouble() {
        let policy = NextRetryPolicy(attempts: 6, firstDelay: .milliseconds(50))
        #expect((1...4).map { policy.delay(afterAttempt: $0) } == [.milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400)])
    }
}

extension ScriptedClient.Call {
    var body: String {
        switch self {
        case .response(_, let body, _): String(decoding: body, as: UTF8.self)
        case .error(_, let report), .initError(let report): report.errorMessage
        }
    }
}
