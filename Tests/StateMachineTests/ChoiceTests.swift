import StateMachine
import Testing

@Suite("Choice state")
struct ChoiceTests {
    /// A machine whose Choice sends the input to "Yes" when `rule` holds, else to "No"; each
    /// branch reports where it went.
    static func machine(_ rule: String) -> String {
        #"""
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [\#(rule.dropLast()), "Next": "Yes"}], "Default": "No"},
          "Yes": {"Type": "Pass", "Result": "yes", "End": true},
          "No": {"Type": "Pass", "Result": "no", "End": true}}}
        """#
    }

    static let input = JSONValue.parse(#"""
        {"name": "report-2024.csv", "size": 1000, "ratio": 0.5, "flag": true, "nothing": null,
         "when": "2024-05-01T12:00:00Z", "later": "2024-05-01T13:00:00+00:30", "limit": 999, "star": "a*b",
         "other": "report-2024.csv"}
        """#)

    @Test("rules", arguments: [
        (#"{"Variable": "$.name", "StringEquals": "report-2024.csv"}"#, true),
        (#"{"Variable": "$.name", "StringEqualsPath": "$.other"}"#, true),
        (#"{"Variable": "$.name", "StringLessThan": "s"}"#, true),
        (#"{"Variable": "$.name", "StringGreaterThanEquals": "s"}"#, false),
        (#"{"Variable": "$.name", "StringMatches": "report-*.csv"}"#, true),
        (#"{"Variable": "$.name", "StringMatches": "*.json"}"#, false),
        (#"{"Variable": "$.star", "StringMatches": "a\\*b"}"#, true),
        (#"{"Variable": "$.name", "StringMatches": "a\\*b"}"#, false),
        (#"{"Variable": "$.size", "NumericEquals": 1000}"#, true),
        (#"{"Variable": "$.size", "NumericEquals": 1000.0}"#, true),
        (#"{"Variable": "$.size", "NumericGreaterThanPath": "$.limit"}"#, true),
        (#"{"Variable": "$.ratio", "NumericLessThanEquals": 0.5}"#, true),
        (#"{"Variable": "$.ratio", "NumericLessThan": 0.5}"#, false),
        (#"{"Variable": "$.name", "NumericEquals": 1}"#, false),
        (#"{"Variable": "$.flag", "BooleanEquals": true}"#, true),
        (#"{"Variable": "$.flag", "BooleanEqualsPath": "$.flag"}"#, true),
        (#"{"Variable": "$.when", "TimestampLessThan": "2024-05-01T12:00:01Z"}"#, true),
        (#"{"Variable": "$.when", "TimestampEquals": "2024-05-01T14:00:00+02:00"}"#, true),
        (#"{"Variable": "$.later", "TimestampGreaterThanPath": "$.when"}"#, true),
        (#"{"Variable": "$.nothing", "IsNull": true}"#, true),
        (#"{"Variable": "$.size", "IsNumeric": true}"#, true),
        (#"{"Variable": "$.name", "IsString": true}"#, true),
        (#"{"Variable": "$.flag", "IsBoolean": false}"#, false),
        (#"{"Variable": "$.when", "IsTimestamp": true}"#, true),
        (#"{"Variable": "$.name", "IsTimestamp": true}"#, false),
        (#"{"Variable": "$.absent", "IsPresent": false}"#, true),
        (#"{"Variable": "$.name", "IsPresent": true}"#, true),
        (#"{"And": [{"Variable": "$.flag", "BooleanEquals": true}, {"Variable": "$.size", "NumericGreaterThan": 10}]}"#, true),
        (#"{"And": [{"Variable": "$.flag", "BooleanEquals": true}, {"Variable": "$.size", "NumericLessThan": 10}]}"#, false),
        (#"{"Or": [{"Variable": "$.flag", "BooleanEquals": false}, {"Variable": "$.size", "NumericEquals": 1000}]}"#, true),
        (#"{"Not": {"Variable": "$.name", "StringEquals": "x"}}"#, true),
    ])
    func rule(_ rule: String, _ holds: Bool) async throws {
        let result = try await Harness.run(Self.machine(rule), input: Self.input)
        #expect(result.output == (holds ? "yes" : "no"))
    }

    @Test func firstMatchingRuleWinsAndOutputPathApplies() async throws {
        let result = try await Harness.run(
            #"""
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "OutputPath": "$.n", "Choices": [
                {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "A"},
                {"Variable": "$.n", "NumericGreaterThan": 0, "Next": "B"}]},
              "A": {"Type": "Pass", "Parameters": {"from": "A", "n.$": "$"}, "End": true},
              "B": {"Type": "Pass", "Parameters": {"from": "B", "n.$": "$"}, "End": true}}}
            """#,
            input: ["n": 5])
        #expect(result.output == ["from": "A", "n": 5])
    }

    @Test func noMatchWithoutDefaultFails() async throws {
        let result = try await Harness.run(
            #"""
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "A"}]},
              "A": {"Type": "Succeed"}}}
            """#,
            input: ["n": 2])
        #expect(result.failure?.error == "States.NoChoiceMatched")
    }

    @Test func missingVariableIsARuntimeError() async throws {
        let result = try await Harness.run(Self.machine(#"{"Variable": "$.absent", "StringEquals": "x"}"#), input: Self.input)
        #expect(result.failure?.error == "States.Runtime")
    }
}
