import AWS
@testable import LambdaHost
import StateMachine
import Testing

/// What a state sees when the function it calls fails: the function's own error type when it
/// reported one, and `Lambda.Unknown` when it crashed or timed out, as Step Functions reports every
/// unhandled failure, so a template's `Retry` on `Lambda.Unknown` retries it.
@Suite("Function failures as a state sees them")
struct StateMachineFailureTests {
    private func services(_ host: LambdaHost) -> LocalStateMachineServices {
        let client = AWSClient(
            region: "us-east-1",
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDUNUSED", secretAccessKey: "unused")),
            endpoints: EndpointResolver(environment: [:]))
        return LocalStateMachineServices(host: host, s3: S3Client(client: client))
    }

    private func failure(_ services: LocalStateMachineServices, function: String, payload: String) async throws -> StateFailure? {
        let context = TaskContext(stateName: "Copy", executionName: "e-1", retryCount: 0, mapItemIndex: nil)
        let input = try JSONValue(parsing: payload)
        do throws(StateFailure) {
            _ = try await services.invokeTask(
                resource: "arn:aws:lambda:us-east-1:123456789012:function:\(function)", input: input, context: context)
            return nil
        } catch {
            return error
        }
    }

    @Test("a crash and a timeout fail the state as Lambda.Unknown, the cause naming what the Lambda service saw")
    func unhandled() async throws {
        try await withHost { host, _ in
            let services = services(host)
            let crash = try #require(try await failure(services, function: "Scripted", payload: #"{"do":"crash"}"#))
            #expect(crash.error == "Lambda.Unknown")
            #expect(crash.cause.contains("Runtime.ExitError") && crash.cause.contains("exit status 3"))
            let timeout = try #require(try await failure(services, function: "Sleepy", payload: #"{"do":"sleep"}"#))
            #expect(timeout.error == "Lambda.Unknown")
            #expect(timeout.cause.contains("Sandbox.Timedout"))
        }
    }

    @Test("an error the function reports keeps its own type")
    func reported() async throws {
        try await withHost { host, _ in
            let reported = try #require(try await failure(services(host), function: "Scripted", payload: #"{"do":"fail"}"#))
            #expect(reported.error == "ScriptError")
            #expect(reported.cause.contains("partner refused the file"))
        }
    }
}
