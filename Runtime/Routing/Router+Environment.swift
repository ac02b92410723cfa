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
    /// (required); `JOBS_TOPIC_ARN` (none: no notifications), `SCHEDULE_TABLE` (none: no pull schedules), `STATE_MACHINE_LIMIT_BYTES`
    /// (1 GiB: larger S3 → S3 copies go to the worker), `LEASE_SECONDS` (30), `STALE_RUNNING_SECONDS`
    /// (14,400: a job longer in `RUNNING` without a move is failed as `Stale` by the sweep).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, log: LineLogger
    ) throws -> Router {
        let settings = SettingsEnvironment(environment)
        func number(_ name: String, default fallback: Int64) throws(SettingsError) -> Int64 {
            try settings.number(name, default: fallback, in: 1...Int64.max)
        }
        let client = try AWSClient.fromEnvironment(environment)
        let dynamoDB = DynamoDBClient(client: client)
        let table = try settings.required("JOB_TABLE")
        let owner = "\(environment["AWS_LAMBDA_FUNCTION_NAME"] ?? "router")@\(client.region)"
        return Router(
            jobs: JobLifecycle(
                store: DynamoDBJobStore(dynamoDB: dynamoDB, table: table),
                notifier: settings.value("JOBS_TOPIC_ARN").map { JobNotifier(sns: SNSClient(client: client), topicARN: $0) },
                actor: owner),
            leases: PartitionLeases(dynamoDB: dynamoDB, table: table, duration: .seconds(try number("LEASE_SECONDS", default: 30))),
            catalog: DynamoDBEndpointCatalog(dynamoDB: dynamoDB, table: try settings.required("ENDPOINT_TABLE")),
            dispatcher: JobDispatcher(
                sqs: SQSClient(client: client), workQueueURL: try settings.required("WORK_QUEUE_URL"),
                stepFunctions: StepFunctionsClient(client: client), stateMachineARN: try settings.required("JOB_STATE_MACHINE_ARN"),
                stateMachineLimitBytes: try number("STATE_MACHINE_LIMIT_BYTES", default: 1 << 30)),
            deadLetters: DeadLetterQueue(sqs: SQSClient(client: client), queueURL: try settings.required("DEAD_LETTER_QUEUE_URL")),
            schedules: settings.value("SCHEDULE_TABLE").map { DynamoDBScheduleCatalog(dynamoDB: dynamoDB, table: $0) },
            staleRunningSeconds: Double(try number("STALE_RUNNING_SECONDS", default: 14_400)), owner: owner, log: log)
    }
}
