import Foundation
import StateMachine
import Synchronization
import Testing

@Suite("Task, Wait, Succeed and Fail states")
struct StateTypeTests {
    @Test func taskPassesContextAndResource() async throws {
        let services = InMemoryServices(tasks: ["arn:aws:states:::lambda:invoke": { input, _ in ["Payload": input["Payload"] ?? .null] }])
        let result = try await Harness.run(
            #"""
            {"StartAt": "Invoke", "States": {"Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "copy", "Payload.$": "$"}, "ResultSelector": {"out.$": "$.Payload"}, "End": true}}}
            """#,
            input: ["key": "a"], services: services)
        #expect(result.output == ["out": ["key": "a"]])
        let call = try #require(services.calls.first)
        #expect(call.context == TaskContext(stateName: "Invoke", executionName: "test-execution", retryCount: 0, mapItemIndex: nil))
        #expect(call.input == ["FunctionName": "copy", "Payload": ["key": "a"]])
    }

    /// A task that outlives TimeoutSeconds fails with States.Timeout even if it ignores
    /// cancellation, and the timeout is catchable: the state ends while the task still runs.
    @Test func timeoutSecondsFailsASlowTask() async throws {
        let finished = Mutex(false)
        let services = InMemoryServices(tasks: ["slow": { _, _ in
            await withCheckedContinuation { continuation in
                DispatchQueue.global().asyncAfter(deadline: .now() + 30) { continuation.resume() }
            }
            finished.withLock { $0 = true }
            return "too late"
        }])
        let result = try await Harness.run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "slow", "TimeoutSeconds": 1, "End": true,
                    "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "TimedOut"}]},
              "TimedOut": {"Type": "Pass", "End": true}}}
            """#,
            services: services)
        #expect(result.output?["Error"] == "States.Timeout")
        #expect(finished.withLock { $0 } == false, "the execution did not wait for the task")
    }

    @Test func waitSecondsIsScaled() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await Harness.run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.delay", "End": true}}}"#,
            input: ["delay": 200])
        let elapsed = clock.now - start
        #expect(result.output == ["delay": 200])
        #expect(elapsed >= .milliseconds(200))
        #expect(elapsed < .seconds(100), "scaled: unscaled, the wait is 200 s (a loaded full run has taken 26 s)")
    }

    @Test func waitUntilAPastTimestampDoesNotWait() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await Harness.run(
            #"""
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2001-01-01T00:00:00Z", "Next": "V"},
              "V": {"Type": "Wait", "TimestampPath": "$.at", "End": true}}}
            """#,
            input: ["at": "2002-02-02T00:00:00.5+01:00"])
        #expect(result.output != nil)
        #expect(clock.now - start < .seconds(5))
    }

    @Test func waitTimestampPathMustBeATimestamp() async throws {
        let result = try await Harness.run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.at", "End": true}}}"#,
            input: ["at": "tomorrow"])
        #expect(result.failure?.error == "States.Runtime")
    }

    @Test("a Wait until a timestamp more than 2^31 seconds away fails at once with States.Runtime", arguments: [
        #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2200-01-01T00:00:00Z", "End": true}}}"#,
        #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.at", "End": true}}}"#,
    ])
    func waitTooFarFails(_ definition: String) async throws {
        let started = ContinuousClock.now
        let result = try await Harness.run(definition, input: ["at": "2100-01-01T00:00:00Z"])
        #expect(result.failure?.error == "States.Runtime")
        #expect(result.failure?.cause.contains("more than the 2147483648 seconds") == true, "\(String(describing: result.failure))")
        #expect(ContinuousClock.now - started < .seconds(5), "failed without waiting")
    }

    @Test("a state output above 256 KiB fails with States.DataLimitExceeded, which not even States.ALL catches")
    func outputAboveTheLimitFails() async throws {
        let result = try await Harness.run(
            #"""
            {"StartAt": "Q", "States": {
              "Q": {"Type": "Parallel", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true,
                    "Branches": [{"StartAt": "Double", "States": {
                      "Double": {"Type": "Pass", "Parameters": {"a.$": "$.text", "b.$": "$.text"}, "End": true}}}]},
              "Caught": {"Type": "Succeed"}}}
            """#, input: ["text": .string(String(repeating: "x", count: 140_000))])
        #expect(result.failure?.error == "States.DataLimitExceeded")
        #expect(result.failure?.cause.contains("'Double'") == true, "\(String(describing: result.failure))")
        let small = try await Harness.run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
            input: ["text": .string(String(repeating: "x", count: 262_000))])
        #expect(small.output?["text"]?.stringValue?.count == 262_000, "at the limit is allowed")
    }

    @Test func succeedFiltersItsOutput() async throws {
        let result = try await Harness.run(
            #"{"StartAt": "S", "States": {"S": {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}}}"#,
            input: ["a": ["b": 2]])
        #expect(result.output == 2)
    }

    @Test func failWithConstantErrorAndCause() async throws {
        let events = EventLog()
        let result = try await Harness.run(
            #"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "NonRetryableError", "Cause": "bad input"}}}"#,
            events: events)
        #expect(result.failure == StateFailure(error: "NonRetryableError", cause: "bad input"))
        #expect(events.all.contains { if case .executionFailed(let failure) = $0 { failure.error == "NonRetryableError" } else { false } })
    }

    @Test func failWithPathsAndIntrinsics() async throws {
        let result = try await Harness.run(
            #"{"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.code", "CausePath": "States.Format('object {} failed', $.key)"}}}"#,
            input: ["code": "CopyFailed", "key": "a.txt"])
        #expect(result.failure == StateFailure(error: "CopyFailed", cause: "object a.txt failed"))
    }

    @Test func eventsTraceTheExecution() async throws {
        let events = EventLog()
        _ = try await Harness.run(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#, events: events)
        #expect(events.entered == ["A", "B"])
        guard case .executionSucceeded = events.all.last else {
            Issue.record("last event should be executionSucceeded")
            return
        }
    }

    @Test func cancellingTheCallerAbortsTheExecution() async throws {
        let services = InMemoryServices(tasks: ["slow": { _, _ in
            try? await Task.sleep(for: .seconds(30))
            return "late"
        }])
        let runner = StateMachineRunner(
            definition: try Harness.definition(
                #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "slow", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}]}, "C": {"Type": "Succeed"}}}"#),
            services: services, options: Harness.fastOptions())
        let execution = Task { await runner.run(input: [:], executionName: "cancelled") }
        try await Task.sleep(for: .milliseconds(50))
        execution.cancel()
        let result = await execution.value
        #expect(result.failure?.error == "Execution.Aborted")
    }

    @Test func machineTimeoutSecondsEndsTheExecution() async throws {
        let result = try await Harness.run(
            #"{"TimeoutSeconds": 1, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100000, "End": true}}}"#)
        #expect(result.failure?.error == "States.Timeout")
    }
}
