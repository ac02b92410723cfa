#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AWS
import TransferCore

/// What every function of the batch workflow builds once per process: its settings from the
/// environment and the AWS clients of the roles it assumes, the role session named after the
/// function so CloudTrail shows who assumed a role.
public struct BatchStep: Sendable {
    public let settings: BatchSettings
    public let clients: RoleClients

    /// S3 as each role, for the steps.
    public var stores: RoleStores { RoleStores(clients: clients) }
    /// SNS as the function itself, for the report's summary.
    public var topic: any TopicPublisher { SNSClient(client: clients.own) }

    public static func fromEnvironment() throws -> BatchStep {
        let settings = try BatchSettings.fromEnvironment()
        let sessionName = ProcessInfo.processInfo.environment["AWS_LAMBDA_FUNCTION_NAME"] ?? "transfer-engine"
        return BatchStep(settings: settings, clients: try RoleClients.fromEnvironment(settings: settings, sessionName: sessionName))
    }
}
