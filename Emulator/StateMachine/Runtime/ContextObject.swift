import Foundation
import Timestamps

/// The context object, `$$`: the execution, the current state and, inside a Map's
/// `ItemSelector`, the current item.
///
/// Kept as fields and turned into JSON only when a `$$` path is evaluated, because most states
/// never look at it.
struct ContextObject: Sendable {
    struct MapItem: Sendable {
        var index: Int
        var value: JSONValue
    }

    var execution: ExecutionInfo
    var stateName: String
    var enteredTime: Date
    /// Whether the state has a `Retry` field; AWS gives `$$.State.RetryCount` only to those.
    var hasRetriers: Bool
    var retryCount = 0
    var mapItem: MapItem?

    var json: JSONValue {
        var state: [String: JSONValue] = [
            "Name": .string(stateName), "EnteredTime": .string(ISO8601Timestamp.format(enteredTime)),
        ]
        if hasRetriers { state["RetryCount"] = .int(Int64(retryCount)) }
        var document: [String: JSONValue] = [
            "Execution": [
                "Id": .string(execution.id),
                "Input": execution.input,
                "Name": .string(execution.name),
                "RoleArn": .string(execution.roleArn),
                "StartTime": .string(ISO8601Timestamp.format(execution.startTime)),
                "RedriveCount": .int(Int64(execution.redriveCount)),
            ],
            "State": .object(state),
            "StateMachine": ["Id": .string(execution.stateMachineId), "Name": .string(execution.stateMachineName)],
        ]
        if let mapItem {
            document["Map"] = ["Item": ["Index": .int(Int64(mapItem.index)), "Value": mapItem.value]]
        }
        return .object(document)
    }
}
