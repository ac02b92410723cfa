import StateMachine
import Testing

@Suite("Definition validation")
struct DefinitionValidationTests {
    /// A single Task state `T` with extra fields, which ends the machine unless `fields` says otherwise.
    static func task(_ fields: String) -> String {
        #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "fn", \#(fields) "End": true}, "Z": {"Type": "Fail", "Error": "E"}}}"#
    }

    @Test("each mistake names the state and the field", arguments: [
        (#"{"StartAt": "Nope", "States": {"A": {"Type": "Succeed"}}}"#, nil, "StartAt"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Missing"}}}"#, "A", "Next"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}"#, "A", "Next"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "End": true}, "B": {"Type": "Succeed"}}}"#, "A", "End"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}"#, "B", "Type"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Sleep", "End": true}}}"#, "A", "Type"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Nxt": "B", "End": true}}}"#, "A", "Nxt"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Succeed", "Next": "A"}}}"#, "A", "Next"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$..x", "End": true}}}"#, "A", "InputPath"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "ResultPath": "$.a[*]", "End": true}}}"#, "A", "ResultPath"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "nope"}, "End": true}}}"#, "A", "Parameters"),
        (#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#, nil, "QueryLanguage"),
        (Self.task(#""Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}],"#), "T", "Retry[0].ErrorEquals"),
        (Self.task(#""Retry": [{"ErrorEquals": ["States.ALL", "X"]}],"#), "T", "Retry[0].ErrorEquals"),
        (Self.task(#""Retry": [{"ErrorEquals": []}],"#), "T", "Retry[0].ErrorEquals"),
        (Self.task(#""Retry": [{"ErrorEquals": ["X"], "IntervalSeconds": 0}],"#), "T", "Retry[0].IntervalSeconds"),
        (Self.task(#""Retry": [{"ErrorEquals": ["X"], "MaxAttempts": -1}],"#), "T", "Retry[0].MaxAttempts"),
        (Self.task(#""Retry": [{"ErrorEquals": ["X"], "BackoffRate": 0.5}],"#), "T", "Retry[0].BackoffRate"),
        (Self.task(#""Retry": [{"ErrorEquals": ["X"], "MaxDelaySeconds": 0}],"#), "T", "Retry[0].MaxDelaySeconds"),
        (Self.task(#""Retry": [{"ErrorEquals": ["X"], "JitterStrategy": "HALF"}],"#), "T", "Retry[0].JitterStrategy"),
        (Self.task(#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}, {"ErrorEquals": ["X"], "Next": "Z"}],"#), "T", "Catch[0].ErrorEquals"),
        (Self.task(#""Catch": [{"ErrorEquals": ["X"], "Next": "Gone"}],"#), "T", "Catch[0].Next"),
        (Self.task(#""TimeoutSeconds": 0,"#), "T", "TimeoutSeconds"),
        (Self.task(#""TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t","#), "T", "TimeoutSecondsPath"),
        (#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "Next": "C"}]}}}"#, "C", "Choices[0]"),
        (#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEquals": 1, "Next": "C"}]}}}"#, "C", "Choices[0].StringEquals"),
        (#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "NumericEquals": 1}]}}}"#, "C", "Choices[0].Next"),
        (#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.a", "IsNull": true, "Next": "C"}, "Next": "C"}]}}}"#, "C", "Choices[0].Not.Next"),
        (#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "TimestampEquals": "yesterday", "Next": "C"}]}}}"#, "C", "Choices[0].TimestampEquals"),
        (#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": []}}}"#, "C", "Choices"),
        (#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}}}"#, "W", "SecondsPath"),
        (#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true}}}"#, "M", "ItemProcessor"),
        (#"{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemReader": {}, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}}}"#, "M", "ItemReader"),
        (#"{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Q"}}}, "End": true}}}"#, "M/P", "Next"),
        (#"{"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailurePercentage": 150, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}}}"#, "M", "ToleratedFailurePercentage"),
        (#"{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {}, "ReaderConfig": {"InputType": "XML"}}, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}}}"#, "M", "ItemReader.ReaderConfig.InputType"),
        (#"{"StartAt": "Par", "States": {"Par": {"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {"Y": {"Type": "Succeed"}}}], "End": true}}}"#, "Par", "Branches[0].StartAt"),
    ])
    func mistake(_ definition: String, _ stateName: String?, _ field: String) throws {
        let error = try Harness.definitionError(definition)
        #expect(error.field == field, "\(error)")
        #expect(error.stateName == stateName, "\(error)")
        #expect(error.description.contains(field))
    }

    @Test func aValidDefinitionListsItsStates() throws {
        let definition = try Harness.definition(
            #"{"Comment": "ok", "StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#)
        #expect(definition.startAt == "A")
        #expect(definition.stateNames == ["A", "B"])
    }

    @Test func errorsReadWell() throws {
        let error = try Harness.definitionError(Self.task(#""Retry": [{"ErrorEquals": ["X"], "BackoffRate": 0.5}],"#))
        #expect(error.description == "State 'T', field 'Retry[0].BackoffRate': must be at least 1.0, got 0.5")
    }
}
