public import Foundation

/// Everything an execution needs from the outside world: running tasks and reading and writing
/// S3 objects for a Distributed Map.
///
/// The interpreter does no I/O of its own; the emulator implements this protocol over its Lambda
/// host and object store, and tests implement it in memory.
public protocol StateMachineServices: Sendable {
    /// Runs a Task state's resource: a Lambda function ARN, or an integration such as
    /// `arn:aws:states:::lambda:invoke` with `{"FunctionName", "Payload"}`. `input` is the state's
    /// effective input after `InputPath` and `Parameters`. A failed task throws its ASL error
    /// (the function's error type, `Lambda.Unknown`, ...). The call should end promptly when its
    /// task is cancelled; `TimeoutSeconds` cancels it.
    func invokeTask(resource: String, input: JSONValue, context: TaskContext) async throws(StateFailure) -> JSONValue

    /// The bytes of one object, for an `s3:getObject` ItemReader; the interpreter splits them
    /// into items.
    func readObject(bucket: String, key: String) async throws(StateFailure) -> Data

    /// The objects under `prefix`, shaped as S3 lists them: `{"Key", "Size", "ETag",
    /// "LastModified", "StorageClass"}`.
    func listObjects(bucket: String, prefix: String) async throws(StateFailure) -> [JSONValue]

    /// Stores one object: a ResultWriter's result files and manifest.
    func writeObject(bucket: String, key: String, body: Data) async throws(StateFailure)
}

/// What a task invocation may want to know about where it runs.
public struct TaskContext: Sendable, Hashable {
    public var stateName: String
    public var executionName: String
    /// How many times this state has been retried before this attempt.
    public var retryCount: Int
    /// The item's index when the task runs inside a Map iteration (the batch's, when batched).
    public var mapItemIndex: Int?

    public init(stateName: String, executionName: String, retryCount: Int, mapItemIndex: Int?) {
        self.stateName = stateName
        self.executionName = executionName
        self.retryCount = retryCount
        self.mapItemIndex = mapItemIndex
    }
}
