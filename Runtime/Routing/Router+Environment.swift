#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import AWS
import Jobs
public import LineLogging
import TransferCore

extension Router {
    /// The router a Lambda function runs, from the environment the template sets: `JOB_TABLE`,
    /// `ENDPOINT_TABLE`, `WORK_QUEUE_URL`, `JOB_STATE_MACHINE_ARN`, `DEAD_LETTER_QUEUE_URL`
    /// (required); `JOBS_TOPIC_ARN` (none: no notifications), `STATE_MACHINE_LIMIT_BYTES`
    /// (1 GiB: larger S3 → S3 copies go to the worker), `LEASE_SECONDS` (30).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, log: LineLogger
    ) throws -> Router {
        func required(_ name: String) throws(SettingsError) -> String {
            guard let value = environment[name], !value.isEmpty else { throw SettingsError(variable: name, message: "is not set") }
            return value
        }
        func number(_ name: String, default fallback: Int64) throws(SettingsError) -> Int64 {
            guard let text = environment[name], !text.isEmpty else { return fallback }
            guard let value = Int64(text), value > 0 else {
                throw SettingsError(variable: name, message: "must be a positive whole number, not \(text)")
            }
            return value
        }
        let client = try AWSClient.fromEnvironment(environment)
        let dynamoDB = DynamoDBClient(client: client)
        let table = try required("JOB_TABLE")
        let owner = "\(environment["AWS_LAMBDA_FUNCTION_NAME"] ?? "router")@\(client.region)"
        return Router(
            jobs: JobLifecycle(
                store: DynamoDBJobStore(dynamoDB: dynamoDB, table: table),
                notifier: environment["JOBS_TOPIC_ARN"].flatMap { $0.isEmpty ? nil : JobNotifier(sns: SNSClient(client: client), topicARN: $0) },
                actor: owner),
            leases: PartitionLeases(dynamoDB: dynamoDB, table: table, duration: .seconds(try number("LEASE_SECONDS", default: 30))),
            catalog: DynamoDBEndpointCatalog(dynamoDB: dynamoDB, table: try required("ENDPOINT_TABLE")),
            dispatcher: JobDispatcher(
                sqs: SQSClient(client: client), workQueueURL: try required("WORK_QUEUE_URL"),
                stepFunctions: StepFunctionsClient(client: client), stateMachineARN: try required("JOB_STATE_MACHINE_ARN"),
                stateMachineLimitBytes: try number("STATE_MACHINE_LIMIT_BYTES", default: 1 << 30)),
            deadLetters: DeadLetterQueue(sqs: SQSClient(client: client), queueURL: try required("DEAD_LETTER_QUEUE_URL")),
            owner: owner, log: log)
    }
}
