import StateMachine
import Testing

@Suite("Retry and Catch")
struct RetryCatchTests {
    /// A Task `T` with these retriers; with catchers, they lead to the Pass state `Z`.
    static func task(retry: String, catchers: String? = nil) -> String {
        let fallback = catchers == nil ? "" : #", "Z": {"Type": "Pass", "End": true}"#
        return #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "fn", "Retry": \#(retry), "Catch": \#(catchers ?? "[]"), "End": true}\#(fallback)}}
            """#
    }

    @Test func defaultsRetryThreeTimesDoublingFromOneSecond() async throws {
        let events = EventLog()
        let result = try await Harness.run(
            Self.task(retry: #"[{"ErrorEquals": ["Boom"]}]"#),
            services: InMemoryServices(tasks: ["fn": ScriptedTask(failures: ["Boom", "Boom", "Boom", "Boom"]).handler]),
            events: events)
        #expect(events.retries.map(\.delay) == [1, 2, 4])
        #expect(events.retries.map(\.attempt) == [1, 2, 3])
        #expect(result.failure?.error == "Boom")
    }

    @Test func backoffIsCappedByMaxDelaySeconds() async throws {
        let events = EventLog()
        let result = try await Harness.run(
            Self.task(retry: #"[{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 4, "MaxDelaySeconds": 10}]"#),
            services: InMemoryServices(tasks: ["fn": ScriptedTask(failures: ["Boom", "Boom", "Boom", "Boom"]).handler]),
            events: events)
        #expect(events.retries.map(\.delay) == [2, 6, 10, 10])
        #expect(result.output == "done")
    }

    @Test func maxAttemptsZeroNeverRetries() async throws {
        let events = EventLog()
        let services = InMemoryServices(tasks: ["fn": ScriptedTask(failures: ["Boom"]).handler])
        let result = try await Harness.run(
            Self.task(retry: #"[{"ErrorEquals": ["Boom"], "MaxAttempts": 0}, {"ErrorEquals": ["States.ALL"]}]"#),
            services: services, events: events)
        #expect(events.retries.isEmpty)
        #expect(services.calls.count == 1)
        #expect(result.failure?.error == "Boom")
    }

    /// The ASL specification's "complex retry scenario": each retrier keeps its own count, so the
    /// second ErrorB finds the first retrier's two attempts used up (ErrorA took one).
    @Test func eachRetrierCountsItsOwnAttempts() async throws {
        let events = EventLog()
        let result = try await Harness.run(
            Self.task(
                retry: #"""
                    [{"ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 2},
                     {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5}]
                    """#,
                catchers: #"[{"ErrorEquals": ["States.ALL"], "Next": "Z"}]"#),
            services: InMemoryServices(tasks: ["fn": ScriptedTask(failures: ["ErrorA", "ErrorB", "ErrorC", "ErrorB"]).handler]),
            events: events)
        #expect(events.retries.map(\.delay) == [1, 2, 5])
        #expect(events.retries.map(\.error) == ["ErrorA", "ErrorB", "ErrorC"])
        #expect(result.output == ["Error": "ErrorB", "Cause": "scripted ErrorB"])
    }

    @Test func fullJitterStaysWithinTheComputedDelay() async throws {
        let events = EventLog()
        _ = try await Harness.run(
            Self.task(retry: #"[{"ErrorEquals": ["Boom"], "IntervalSeconds": 4, "MaxAttempts": 6, "JitterStrategy": "FULL"}]"#),
            services: InMemoryServices(tasks: ["fn": ScriptedTask(failures: Array(repeating: "Boom", count: 6)).handler]),
            events: events)
        let delays = events.retries.map(\.delay)
        #expect(delays.count == 6)
        for (index, delay) in delays.enumerated() {
            #expect(delay >= 0 && delay <= 4 * Double(1 << index))
        }
        #expect(Set(delays).count == 6, "jitter draws differ")
    }

    @Test func jitterIsRepeatableWithTheSameSeed() async throws {
        func delays() async throws -> [Double] {
            let events = EventLog()
            _ = try await Harness.run(
                Self.task(retry: #"[{"ErrorEquals": ["Boom"], "JitterStrategy": "FULL"}]"#),
                services: InMemoryServices(tasks: ["fn": ScriptedTask(failures: ["Boom", "Boom"]).handler]), events: events)
            return events.retries.map(\.delay)
        }
        #expect(try await delays() == delays())
    }

    @Test func retryCountReachesTheTaskAndTheContextObject() async throws {
        let services = InMemoryServices(tasks: ["fn": ScriptedTask(failures: ["Boom", "Boom"]).handler])
        _ = try await Harness.run(
            #"""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "fn", "Parameters": {"try.$": "$$.State.RetryCount"},
              "Retry": [{"ErrorEquals": ["States.TaskFailed"]}], "End": true}}}
            """#,
            services: services)
        #expect(services.calls.map(\.input) == [["try": 0], ["try": 1], ["try": 2]])
        #expect(services.calls.map(\.context.retryCount) == [0, 1, 2])
    }

    @Test func catchPlacesTheErrorWithResultPathAndKeepsTheInput() async throws {
        let events = EventLog()
        let result = try await Harness.run(
            Self.task(retry: "[]", catchers: #"[{"ErrorEquals": ["Other"], "Next": "Z"}, {"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.failure", "Next": "Z"}]"#),
            input: ["file": "a.txt"],
            services: InMemoryServices(tasks: ["fn": ScriptedTask(failures: ["Lambda.Unknown"]).handler]), events: events)
        #expect(result.output == .parse(#"{"file": "a.txt", "failure": {"Error": "Lambda.Unknown", "Cause": "scripted Lambda.Unknown"}}"#))
        #expect(events.all.contains { if case .caught(_, _, _, "Z") = $0 { true } else { false } })
    }

    @Test func taskFailedDoesNotMatchTimeout() async throws {
        let result = try await Harness.run(
            Self.task(retry: #"[{"ErrorEquals": ["States.TaskFailed"]}]"#, catchers: #"[{"ErrorEquals": ["States.TaskFailed"], "Next": "Z"}]"#),
            services: InMemoryServices(tasks: ["fn": ScriptedTask(failures: ["States.Timeout"]).handler]))
        #expect(result.failure?.error == "States.Timeout")
    }
}
