import Foundation

/// The facts about one execution that the context object exposes under `Execution` and
/// `StateMachine`. A Distributed Map's child workflows are executions of their own.
struct ExecutionInfo: Sendable {
    var id: String
    var name: String
    var input: JSONValue
    var startTime: Date
    var roleArn: String
    var stateMachineId: String
    var stateMachineName: String
    /// How many times the execution has been redriven (`RedriveExecution`).
    var redriveCount = 0
}
