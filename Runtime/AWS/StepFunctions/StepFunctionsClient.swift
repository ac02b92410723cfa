/// AWS Step Functions: start an execution and follow it.
public struct StepFunctionsClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Starts `stateMachineARN` with `input` (a JSON document); `name` makes the start idempotent.
    public func startExecution(stateMachineARN: String, input: String = "{}", name: String? = nil) throws(AWSError) -> String {
        struct Input: Encodable {
            var stateMachineArn: String
            var input: String
            var name: String?
        }
        struct Output: Decodable { var executionArn: String }
        return try client.json(
            .stepFunctions, "StartExecution", Input(stateMachineArn: stateMachineARN, input: input, name: name),
            resource: stateMachineARN, as: Output.self
        ).executionArn
    }

    public func describeExecution(executionARN: String) throws(AWSError) -> ExecutionDescription {
        struct Input: Encodable { var executionArn: String }
        return try client.json(
            .stepFunctions, "DescribeExecution", Input(executionArn: executionARN), resource: executionARN,
            as: ExecutionDescription.self)
    }
}

/// The state of an execution.
public struct ExecutionDescription: Sendable, Hashable, Decodable {
    public var executionArn: String
    public var stateMachineArn: String
    /// `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`.
    public var status: String
    public var input: String?
    public var output: String?
    public var error: String?
    public var cause: String?
}
