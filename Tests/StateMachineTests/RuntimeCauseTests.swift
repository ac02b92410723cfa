import StateMachine
import Testing

/// A `States.Runtime` failure's cause as AWS writes it: the state and the history event that
/// entered it ("entered at the event id #N", numbered as Step Functions numbers its history),
/// then AWS's own sentence for the error.
@Suite("Runtime error causes")
struct RuntimeCauseTests {
    static func prefix(_ state: String, _ eventID: Int) -> String {
        "An error occurred while executing the state '\(state)' (entered at the event id #\(eventID)). "
    }

    static func waitAfterPass(_ field: String) -> String {
        #"""
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "W"},
          "W": {"Type": "Wait", "\#(field)": "$.input.waitSeconds", "End": true}}}
        """#
    }

    @Test("a negative SecondsPath value: ExecutionStarted #1, PassStateEntered #2, PassStateExited #3, WaitStateEntered #4")
    func negativeSecondsPath() async throws {
        let result = try await Harness.run(Self.waitAfterPass("SecondsPath"), input: .parse(#"{"input": {"waitSeconds": -1}}"#))
        #expect(result.failure?.error == "States.Runtime")
        #expect(
            result.failure?.cause
                == Self.prefix("W", 4) + "The SecondsPath parameter references a negative value: $.input.waitSeconds == -1")
    }

    @Test func secondsPathThatIsNotALong() async throws {
        let result = try await Harness.run(Self.waitAfterPass("SecondsPath"), input: .parse(#"{"input": {"waitSeconds": "soon"}}"#))
        #expect(
            result.failure?.cause
                == Self.prefix("W", 4) + "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == soon")
    }

    @Test func secondsPathThatSelectsNothing() async throws {
        let result = try await Harness.run(Self.waitAfterPass("SecondsPath"), input: [:])
        #expect(result.failure?.cause == Self.prefix("W", 4) + "The SecondsPath parameter does not reference an input value: $.input.waitSeconds")
    }

    @Test func timestampPathThatIsNotATimestamp() async throws {
        let result = try await Harness.run(Self.waitAfterPass("TimestampPath"), input: .parse(#"{"input": {"waitSeconds": "tomorrow"}}"#))
        #expect(
            result.failure?.cause
                == Self.prefix("W", 4)
                + "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string:"
                + " $.input.waitSeconds == tomorrow")
    }

    @Test func timestampPathThatSelectsNothing() async throws {
        let result = try await Harness.run(Self.waitAfterPass("TimestampPath"), input: [:])
        #expect(
            result.failure?.cause == Self.prefix("W", 4) + "The TimestampPath parameter does not reference an input value: $.input.waitSeconds")
    }

    @Test("a Task adds scheduled, started and succeeded-or-failed per attempt, then TaskStateExited")
    func taskEventsWithARetry() async throws {
        let services = InMemoryServices(tasks: ["work": ScriptedTask(failures: ["Flaky"]).handler])
        let result = try await Harness.run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "work", "ResultPath": null, "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 1}], "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.never", "IsPresent": true, "Next": "W"}], "Default": "W"},
              "W": {"Type": "Wait", "SecondsPath": "$.seconds", "End": true}}}
            """#,
            input: ["seconds": -5], services: services)
        // T: 2 entered, 3-5 first attempt, 6-8 second, 9 exited; C: 10, 11; W: 12.
        #expect(result.failure?.cause == Self.prefix("W", 12) + "The SecondsPath parameter references a negative value: $.seconds == -5")
    }

    @Test("a path that selects nothing in a Parallel branch names the branch's state, not the Parallel")
    func missingPathInABranch() async throws {
        let result = try await Harness.run(
            #"""
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
              {"StartAt": "Fast", "States": {"Fast": {"Type": "Pass", "Parameters": {"m.$": "$.nope"}, "End": true}}}],
              "End": true}}}
            """#,
            input: ["x": "a"])
        #expect(
            result.failure?.cause
                == Self.prefix("Fast", 4) + #"The JSONPath '$.nope' specified for the field 'm.$' could not be found in the input '{"x":"a"}'"#)
    }

    @Test("inline Map iterations number their events: MapIterationStarted, the states, MapIterationSucceeded")
    func eventsAfterAnInlineMap() async throws {
        let result = try await Harness.run(
            #"""
            {"StartAt": "M", "States": {
              "M": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": null, "ItemProcessor": {"StartAt": "I1", "States": {
                "I1": {"Type": "Pass", "Next": "I2"}, "I2": {"Type": "Pass", "End": true}}}, "Next": "After"},
              "After": {"Type": "Pass", "Parameters": {"m.$": "$.nope"}, "End": true}}}
            """#,
            input: ["items": [1, 2]])
        // 1 started, 2 MapStateEntered, 3 MapStateStarted, 4-9 and 10-15 the iterations, 16 MapStateSucceeded,
        // 17 MapStateExited, 18 PassStateEntered.
        #expect(result.failure?.cause.hasPrefix(Self.prefix("After", 18)) == true, "\(String(describing: result.failure))")
    }

    static let inlineMapWithPaths = #"""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrencyPath": "$.limit",
          "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
        """#

    @Test func negativeMaxConcurrencyPath() async throws {
        let result = try await Harness.run(Self.inlineMapWithPaths, input: .parse(#"{"items": [1], "limit": -1}"#))
        #expect(result.failure?.cause == Self.prefix("M", 2) + "Expected non-negative integer for MaxConcurrency, got '-1' instead.")
    }

    @Test func maxConcurrencyPathThatIsNotAnInteger() async throws {
        let result = try await Harness.run(Self.inlineMapWithPaths, input: .parse(#"{"items": [1], "limit": "many"}"#))
        #expect(
            result.failure?.cause
                == Self.prefix("M", 2) + #"The MaxConcurrencyPath field refers to value "many" which is not a valid integer: $.limit"#)
    }

    static func distributedMap(_ field: String) -> String {
        #"""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "\#(field)": "$.tolerance",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
        """#
    }

    @Test("the tolerated-failure paths", arguments: [
        ("ToleratedFailureCountPath", JSONValue.int(-2), "ToleratedFailureCount cannot be negative."),
        ("ToleratedFailureCountPath", JSONValue.double(1.5),
         #"The ToleratedFailureCountPath field refers to value "1.5" which is not a valid integer: $.tolerance"#),
        ("ToleratedFailurePercentagePath", JSONValue.int(101), "ToleratedFailurePercentage must be between 0 and 100."),
        ("ToleratedFailurePercentagePath", JSONValue.string("half"),
         #"The ToleratedFailurePercentagePath field refers to value "half" which is not a valid float: $.tolerance"#),
    ])
    func toleratedFailurePaths(field: String, value: JSONValue, sentence: String) async throws {
        let result = try await Harness.run(Self.distributedMap(field), input: ["items": [1, 2], "tolerance": value])
        #expect(result.failure?.error == "States.Runtime")
        #expect(result.failure?.cause == Self.prefix("M", 2) + sentence)
    }
}
