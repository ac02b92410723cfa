public import Foundation
public import StateMachine

/// The executions of the template's state machines that functions start through the local Step
/// Functions API, each run by the emulator's interpreter against the host's functions.
///
/// Names are kept as Step Functions keeps them for a STANDARD state machine: a second start with a
/// name already used answers the running execution again when its input is the same, and is
/// refused with `ExecutionAlreadyExists` otherwise (a different input, or an execution that ended).
public actor LocalExecutions {
    /// One execution, as `DescribeExecution` reports it.
    public struct Record: Sendable {
        public let executionArn: String
        public let stateMachineArn: String
        public let name: String
        public let input: String
        public let startDate: Date
        public fileprivate(set) var status = "RUNNING"
        public fileprivate(set) var stopDate: Date?
        public fileprivate(set) var output: String?
        public fileprivate(set) var failure: StateFailure?
    }

    /// Why a start or a look-up is refused, as Step Functions names it.
    public struct Refusal: Error, Sendable {
        public let type: String
        public let message: String
    }

    private let template: SAMTemplate
    private var services: (any StateMachineServices)?
    private let log: @Sendable (String) -> Void
    private var records: [String: Record] = [:]
    private var running: [String: Task<Void, Never>] = [:]

    /// - Parameter log: one line when an execution starts and one when it ends.
    public init(template: SAMTemplate, log: @escaping @Sendable (String) -> Void) {
        self.template = template
        self.log = log
    }

    /// What the executions' tasks call (the host's functions, S3), given once the host exists:
    /// the host's functions are told this API's address, so it is served before they are made.
    public func run(with services: any StateMachineServices) {
        self.services = services
    }

    /// Starts an execution of the state machine `stateMachineArn` names (its ARN as `!Ref` gives it).
    public func start(stateMachineArn: String, name: String?, input: String?) throws(Refusal) -> Record {
        guard let services else { throw Refusal(type: "ServiceUnavailable", message: "the emulator's functions are not running yet") }
        guard let machine = template.resources.values.first(where: { $0.isStateMachine && $0.arn == stateMachineArn }) else {
            throw Refusal(type: "StateMachineDoesNotExist", message: "State Machine Does Not Exist: '\(stateMachineArn)'")
        }
        let name = name ?? UUID().uuidString.lowercased()
        guard (1...80).contains(name.count), name.allSatisfy(Self.allowedInName) else {
            throw Refusal(type: "InvalidName", message: "Invalid Name: '\(name)'")
        }
        let inputText = input ?? "{}"
        let inputValue: JSONValue
        do {
            inputValue = try JSONValue(parsing: inputText)
        } catch {
            throw Refusal(type: "InvalidExecutionInput", message: "Invalid State Machine Execution Input: '\(error)'")
        }
        let definition: StateMachineDefinition
        do {
            definition = try StateMachineDefinition(json: try template.stateMachineDefinition(named: machine.logicalID))
        } catch {
            throw Refusal(type: "StateMachineDoesNotExist", message: "\(machine.logicalID) cannot run locally: \(error)")
        }
        var options = ExecutionOptions(stateMachineName: machine.physicalName)
        options.region = machine.region
        options.accountID = machine.accountID
        let executionArn = options.executionArn(name)
        if let existing = records[executionArn] {
            guard existing.status == "RUNNING", existing.input == inputText else {
                throw Refusal(type: "ExecutionAlreadyExists", message: "Execution Already Exists: '\(executionArn)'")
            }
            return existing
        }
        let record = Record(executionArn: executionArn, stateMachineArn: stateMachineArn, name: name, input: inputText, startDate: Date())
        records[executionArn] = record
        log("execution \(name) of \(machine.logicalID) started")
        let runner = StateMachineRunner(definition: definition, services: services, options: options)
        running[executionArn] = Task {
            let result = await runner.run(input: inputValue, executionName: name)
            self.finish(executionArn, result)
        }
        return record
    }

    /// The execution `executionArn` names.
    public func describe(executionArn: String) throws(Refusal) -> Record {
        guard let record = records[executionArn] else {
            throw Refusal(type: "ExecutionDoesNotExist", message: "Execution Does Not Exist: '\(executionArn)'")
        }
        return record
    }

    /// Aborts every running execution (the emulator is stopping) and waits until each has ended.
    public func abortAll() async {
        let tasks = Array(running.values)
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    private func finish(_ executionArn: String, _ result: Result<JSONValue, StateFailure>) {
        guard var record = records[executionArn] else { return }
        record.stopDate = Date()
        switch result {
        case .success(let output):
            record.status = "SUCCEEDED"
            record.output = output.serialized()
        case .failure(let failure):
            record.status = Self.status(of: failure)
            record.failure = failure
        }
        records[executionArn] = record
        running[executionArn] = nil
        log("execution \(record.name) \(record.status.lowercased())\(record.failure.map { ": \($0)" } ?? "")")
    }

    /// How an execution that did not succeed ended: its own `TimeoutSeconds` ran out, it was
    /// aborted, or it failed (an uncaught error, a task's own timeout included).
    private static func status(of failure: StateFailure) -> String {
        if failure.error == "States.Timeout", failure.cause.hasSuffix("(TimeoutSeconds)") { return "TIMED_OUT" }
        return failure.error == StateFailure.abortedName ? "ABORTED" : "FAILED"
    }

    /// Step Functions' execution names: letters, digits, `-` and `_` (no spaces, brackets,
    /// wildcards or control characters).
    private static func allowedInName(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "_"
    }
}
