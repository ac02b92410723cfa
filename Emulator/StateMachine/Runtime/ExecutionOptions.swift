/// How an execution runs, beyond what the definition says.
public struct ExecutionOptions: Sendable {
    /// Multiplies every Wait and Retry delay: 0.001 turns a 10-second backoff into 10 ms. Task
    /// and execution `TimeoutSeconds` are not scaled, so a fast clock cannot time real work out.
    public var timeScale: Double = 1
    /// Draws for FULL jitter and `States.MathRandom`; seed it for repeatable runs.
    public var random = RandomSource()
    /// The concurrency used when a Map says `MaxConcurrency: 0` (unlimited).
    public var maxConcurrency = 64
    /// Names used to build the ARNs in the context object and in Map Run results.
    public var stateMachineName = "StateMachine"
    public var region = "us-east-1"
    public var accountID = "123456789012"
    public var roleArn = "arn:aws:iam::123456789012:role/StepFunctionsLocal"
    /// Where the execution records what it finished; when the journal was opened for a redrive,
    /// the execution starts where the earlier run stopped.
    public var journal: ExecutionJournal?

    public init(
        timeScale: Double = 1, random: RandomSource = RandomSource(), maxConcurrency: Int = 64,
        stateMachineName: String = "StateMachine"
    ) {
        self.timeScale = timeScale
        self.random = random
        self.maxConcurrency = maxConcurrency
        self.stateMachineName = stateMachineName
    }

    var stateMachineArn: String { "arn:aws:states:\(region):\(accountID):stateMachine:\(stateMachineName)" }

    /// The ARN of this state machine's execution named `name`.
    public func executionArn(_ name: String) -> String { "arn:aws:states:\(region):\(accountID):execution:\(stateMachineName):\(name)" }
}
