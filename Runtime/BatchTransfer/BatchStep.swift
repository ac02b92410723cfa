#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AWS
public import Jobs
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

    /// The job table's lifecycle when `JOB_TABLE` is set (jobs the Router made are reported
    /// there, and moves published on `JOBS_TOPIC_ARN` when that is set); nil otherwise.
    public var jobs: JobLifecycle? {
        let environment = ProcessInfo.processInfo.environment
        guard let table = environment["JOB_TABLE"], !table.isEmpty else { return nil }
        return JobLifecycle(
            store: DynamoDBJobStore(dynamoDB: DynamoDBClient(client: clients.own), table: table),
            notifier: environment["JOBS_TOPIC_ARN"].flatMap { $0.isEmpty ? nil : JobNotifier(sns: SNSClient(client: clients.own), topicARN: $0) },
            actor: "\(environment["AWS_LAMBDA_FUNCTION_NAME"] ?? "TransferObject")@\(clients.own.region)")
    }

    /// How often a job's copy in parts reads its record for a cancellation: `CANCEL_CHECK_SECONDS`
    /// (5), as on the worker.
    public var cancelCheckSeconds: Double {
        Double(ProcessInfo.processInfo.environment["CANCEL_CHECK_SECONDS"] ?? "").flatMap { $0 > 0 ? $0 : nil } ?? 5
    }

    public static func fromEnvironment() throws -> BatchStep {
        let settings = try BatchSettings.fromEnvironment()
        let sessionName = ProcessInfo.processInfo.environment["AWS_LAMBDA_FUNCTION_NAME"] ?? "transfer-engine"
        return BatchStep(settings: settings, clients: try RoleClients.fromEnvironment(settings: settings, sessionName: sessionName))
    }
}
