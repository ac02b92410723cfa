import Foundation

/// The identity of one Distributed Map run, from which AWS derives every ARN and file key.
struct MapRun: Sendable {
    let id: String
    let arn: String
    /// The state machine child executions report: the parent's name and the Map's label.
    let childStateMachineName: String
    let childStateMachineArn: String
    private let childExecutionPrefix: String

    /// - Parameters:
    ///   - label: the Map's `Label`, or its state name.
    ///   - executionType: EXPRESS children have `express:` ARNs, as AWS names them.
    init(label: String, executionType: MapSpec.ExecutionType, options: ExecutionOptions) {
        id = UUID().uuidString.lowercased()
        let machine = "\(options.stateMachineName)/\(label)"
        childStateMachineName = machine
        let prefix = "arn:aws:states:\(options.region):\(options.accountID)"
        arn = "\(prefix):mapRun:\(machine):\(id)"
        childStateMachineArn = "\(prefix):stateMachine:\(machine)"
        childExecutionPrefix = "\(prefix):\(executionType == .express ? "express" : "execution"):\(machine):"
    }

    func childArn(_ name: String) -> String { childExecutionPrefix + name }

    /// The keys of this run's files under the ResultWriter's `Prefix`: `<prefix>/<run id>/<file>`.
    func key(_ file: String, prefix: String) -> String {
        let trimmed = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        return trimmed.isEmpty ? "\(id)/\(file)" : "\(trimmed)/\(id)/\(file)"
    }
}
