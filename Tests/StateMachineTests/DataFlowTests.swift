import StateMachine
import Testing

@Suite("Input and output processing")
struct DataFlowTests {
    /// The AWS guide's "InputPath, ResultPath and OutputPath" example, step for step.
    @Test func awsGuideExample() async throws {
        let services = InMemoryServices(tasks: [
            "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction": { input, _ in
                .string("Hello, \(input["who"]?.stringValue ?? "?")!")
            }
        ])
        let result = try await Harness.run(
            #"""
            {"StartAt": "HelloWorld", "States": {"HelloWorld": {
              "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction",
              "InputPath": "$.lambda", "ResultPath": "$.data.lambdaresult", "OutputPath": "$.data", "End": true}}}
            """#,
            input: .parse(
                #"{"comment": "An input comment.", "data": {"val1": 23, "val2": 17}, "extra": "foo", "lambda": {"who": "AWS Step Functions"}}"#),
            services: services)
        #expect(services.calls.map(\.input) == [["who": "AWS Step Functions"]])
        #expect(result.output == .parse(#"{"val1": 23, "val2": 17, "lambdaresult": "Hello, AWS Step Functions!"}"#))
    }

    /// Every step at once: InputPath, Parameters (path, context, intrinsic), ResultSelector,
    /// ResultPath into a new nested field, OutputPath.
    @Test func allFiveStepsInOrder() async throws {
        let services = InMemoryServices(tasks: ["fn": { input, _ in
            ["Payload": ["sum": input["values"]?.arrayValue.map { .int(Int64($0.count)) } ?? 0], "StatusCode": 200]
        }])
        let result = try await Harness.run(
            #"""
            {"StartAt": "T", "States": {"T": {
              "Type": "Task", "Resource": "fn", "InputPath": "$.job",
              "Parameters": {"values.$": "$.items", "execution.$": "$$.Execution.Name", "label.$": "States.Format('job {}', $.id)", "fixed": 1},
              "ResultSelector": {"count.$": "$.Payload.sum", "ok": true},
              "ResultPath": "$.job.report.result", "OutputPath": "$.job", "End": true}}}
            """#,
            input: .parse(#"{"job": {"id": 7, "items": ["a", "b", "c"]}, "other": 1}"#), services: services)
        #expect(services.calls.first?.input == .parse(#"{"values": ["a","b","c"], "execution": "test-execution", "label": "job 7", "fixed": 1}"#))
        #expect(result.output == .parse(#"{"id": 7, "items": ["a","b","c"], "report": {"result": {"count": 3, "ok": true}}}"#))
    }

    @Test func nullPathsDiscardAndEmpty() async throws {
        let result = try await Harness.run(
            #"""
            {"StartAt": "Discard", "States": {
              "Discard": {"Type": "Pass", "Result": "ignored", "ResultPath": null, "Next": "Empty"},
              "Empty": {"Type": "Pass", "InputPath": null, "ResultPath": "$.seen", "Next": "Out"},
              "Out": {"Type": "Pass", "OutputPath": null, "End": true}}}
            """#,
            input: ["keep": 1])
        #expect(result.output == [:])
    }

    @Test func passResultReplacesOrNests() async throws {
        let result = try await Harness.run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"x": 1000}, "ResultPath": "$.a.b", "End": true}}}"#,
            input: ["a": ["c": 1]])
        #expect(result.output == .parse(#"{"a": {"b": {"x": 1000}, "c": 1}}"#))
        #expect(result.output?.serialized() == #"{"a":{"b":{"x":1000},"c":1}}"#)
    }

    @Test func contextObjectFields() async throws {
        let result = try await Harness.run(Harness.passParameters(
            #"{"id.$": "$$.Execution.Id", "state.$": "$$.State.Name", "machine.$": "$$.StateMachine.Name", "input.$": "$$.Execution.Input.k", "start.$": "$$.Execution.StartTime"}"#),
            input: ["k": "v"])
        let output = try #require(result.output)
        #expect(output["id"] == "arn:aws:states:us-east-1:123456789012:execution:StateMachine:test-execution")
        #expect(output["state"] == "P")
        #expect(output["machine"] == "StateMachine")
        #expect(output["input"] == "v")
        #expect(output["start"]?.stringValue?.hasSuffix("Z") == true)
    }

    @Test("$$.State of a state without Retry has no RetryCount, as on AWS")
    func stateWithoutRetriesHasNoRetryCount() async throws {
        let result = try await Harness.run(Harness.passParameters(#"{"state.$": "$$.State"}"#))
        let state = try #require(result.output?["state"]?.objectValue)
        #expect(Set(state.keys) == ["Name", "EnteredTime"])
    }

    @Test("JSONPath forms", arguments: [
        ("$.a.b", #"{"a": {"b": 1}}"#, "1"),
        ("$['a b'][0]", #"{"a b": [5, 6]}"#, "5"),
        ("$.list[-1]", #"{"list": [1, 2, 3]}"#, "3"),
        ("$.list[*].n", #"{"list": [{"n": 1}, {"m": 0}, {"n": 3}]}"#, "[1, 3]"),
        ("$.list[1:]", #"{"list": [1, 2, 3]}"#, "[2, 3]"),
        ("$.list[0,2]", #"{"list": [1, 2, 3]}"#, "[1, 3]"),
        ("$.users[?(@.status == 0)]", #"{"users": [{"id": 1, "status": 0}, {"id": 2, "status": 1}, {"id": 3, "status": 0}]}"#,
         #"[{"id": 1, "status": 0}, {"id": 3, "status": 0}]"#),
        ("$.users[?(@.status != 0)].id", #"{"users": [{"id": 1, "status": 0}, {"id": 2, "status": 1}, {"id": 3}]}"#, "[2, 3]"),
        ("$.users[?(@.age >= 18)].id", #"{"users": [{"id": 1, "age": 17}, {"id": 2, "age": 18.5}, {"id": 3, "age": "x"}]}"#, "[2]"),
        ("$.users[?(@.name == 'b')].id", #"{"users": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]}"#, "[2]"),
        ("$.users[?(@.tags)].id", #"{"users": [{"id": 1, "tags": []}, {"id": 2}]}"#, "[1]"),
    ])
    func jsonPathForms(_ path: String, _ input: String, _ expected: String) async throws {
        let result = try await Harness.run(Harness.passParameters(#"{"v.$": "\#(path)"}"#), input: .parse(input))
        #expect(result.output?["v"] == .parse(expected))
    }

    @Test("a quoted bracket name keeps its backslashes as written, as on AWS")
    func quotedNameKeepsBackslashes() async throws {
        let result = try await Harness.run(
            Harness.passParameters(#"{"v.$": "$['Test\\\"Name']"}"#), input: .parse(#"{"Test\\\"Name": 7, "Test\"Name": 8}"#))
        #expect(result.output?["v"] == 7)
    }

    @Test("InputPath and OutputPath may select from the context object")
    func contextPathsInInputAndOutputPath() async throws {
        let input = try await Harness.run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$$.Execution.Input.inner", "End": true}}}"#,
            input: .parse(#"{"inner": {"k": 1}, "other": 2}"#))
        #expect(input.output == .parse(#"{"k": 1}"#))
        let whole = try await Harness.run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$$", "OutputPath": "$.State.Name", "End": true}}}"#)
        #expect(whole.output == "P")
        let output = try await Harness.run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "OutputPath": "$$.State.Name", "End": true}}}"#)
        #expect(output.output == "P")
    }

    /// AWS fails the execution on a path that selects nothing; not even States.ALL catches it.
    @Test func missingPathIsAnUncatchableRuntimeError() async throws {
        let result = try await Harness.run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "fn", "Parameters": {"x.$": "$.missing"}, "End": true,
                    "Retry": [{"ErrorEquals": ["States.ALL"]}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}]},
              "C": {"Type": "Succeed"}}}
            """#,
            input: ["present": 1])
        let failure = try #require(result.failure)
        #expect(failure.error == "States.Runtime")
        #expect(failure.cause.contains("$.missing"))
    }

    @Test func resultPathIntoANonObjectFails() async throws {
        let result = try await Harness.run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "ResultPath": "$.a.b", "End": true}}}"#,
            input: ["a": "text"])
        #expect(result.failure?.error == "States.Runtime")
    }
}
