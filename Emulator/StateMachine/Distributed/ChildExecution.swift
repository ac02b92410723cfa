import Foundation
import Timestamps

/// One child workflow execution of a Distributed Map: an item, or a batch of items.
struct ChildExecution: Sendable {
    let name: String
    let arn: String
    let input: JSONValue
    /// How many items the child processed; a failed batch counts all of them as failed.
    let itemCount: Int
    let startDate: Date
    let stopDate: Date
    let outcome: Result<JSONValue, StateFailure>

    var succeeded: Bool {
        if case .success = outcome { return true }
        return false
    }

    /// The child as AWS describes it in a ResultWriter file and, for a failed child, in the
    /// Map's output: execution metadata with the input and output as JSON text.
    func resultEntry(stateMachineArn: String) -> JSONValue {
        var entry: [String: JSONValue] = [
            "ExecutionArn": .string(arn),
            "Name": .string(name),
            "Input": .string(input.serialized()),
            "InputDetails": ["Included": true],
            "StartDate": .string(ISO8601Timestamp.format(startDate)),
            "StopDate": .string(ISO8601Timestamp.format(stopDate)),
            "StateMachineArn": .string(stateMachineArn),
            "RedriveCount": 0,
        ]
        switch outcome {
        case .success(let output):
            entry["Status"] = "SUCCEEDED"
            entry["Output"] = .string(output.serialized())
            entry["OutputDetails"] = ["Included": true]
            entry["RedriveStatus"] = "NOT_REDRIVABLE"
            entry["RedriveStatusReason"] = "Execution is SUCCEEDED and cannot be redriven"
        case .failure(let failure):
            entry["Status"] = "FAILED"
            entry["Error"] = .string(failure.error)
            entry["Cause"] = .string(failure.cause)
            entry["RedriveStatus"] = "REDRIVABLE_BY_MAP_RUN"
        }
        return .object(entry)
    }
}
