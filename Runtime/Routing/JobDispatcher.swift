#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import AWS
public import Jobs

/// Sends a queued job to the executor that runs it: a small S3 → S3 copy to the one-object state
/// machine, everything else (SFTP flows, objects too large for a Lambda invocation) to the
/// `TransferWorker`'s `work.fifo`.
///
/// Sending twice is harmless: the execution is named after the job, so Step Functions refuses a
/// second start, and the work message's deduplication id is the job id.
public struct JobDispatcher: Sendable {
    /// Where a job went.
    public enum Route: String, Sendable {
        case stateMachine, worker
    }

    public var sqs: SQSClient
    public var workQueueURL: String
    public var stepFunctions: StepFunctionsClient
    public var stateMachineARN: String
    /// S3 → S3 objects smaller than this go to the state machine.
    public var stateMachineLimitBytes: Int64

    public init(
        sqs: SQSClient, workQueueURL: String, stepFunctions: StepFunctionsClient, stateMachineARN: String,
        stateMachineLimitBytes: Int64
    ) {
        self.sqs = sqs
        self.workQueueURL = workQueueURL
        self.stepFunctions = stepFunctions
        self.stateMachineARN = stateMachineARN
        self.stateMachineLimitBytes = stateMachineLimitBytes
    }

    public func route(of job: Job) -> Route {
        job.flow == .s3ToS3 && job.object.size < stateMachineLimitBytes ? .stateMachine : .worker
    }

    @discardableResult
    public func dispatch(_ job: Job, from source: TransferEndpoint, to destination: TransferEndpoint) throws -> Route {
        let route = route(of: job)
        switch (route, source, destination) {
        case (.stateMachine, .s3(let from), .s3(let to)):
            let input: [String: String] = [
                "job_id": job.id, "source_bucket": from.bucket, "source_key": from.key, "destination_bucket": to.bucket,
                "destination_key": to.key, "etag": job.object.version,
            ]
            let json = String(decoding: try JSONEncoder().encode(input), as: UTF8.self)
            do throws(AWSError) {
                _ = try stepFunctions.startExecution(stateMachineARN: stateMachineARN, input: json, name: job.id)
            } catch where error.code == "ExecutionAlreadyExists" {
                return route
            }
        default:
            let flow = TransferJob.Flow(job.flow)
            let message = TransferJob(id: job.id, flow: flow, source: source, destination: destination)
            try sqs.sendMessage(
                queueURL: workQueueURL,
                SQSOutgoingMessage(
                    id: job.id, body: String(decoding: try JSONEncoder().encode(message), as: UTF8.self),
                    groupID: String(job.partition.prefix(128)), deduplicationID: job.id))
        }
        return route
    }
}

extension TransferJob.Flow {
    init(_ flow: Job.Flow) {
        switch flow {
        case .s3ToS3: self = .s3ToS3
        case .s3ToSFTP: self = .s3ToSFTP
        case .sftpToS3: self = .sftpToS3
        case .sftpToSFTP: self = .sftpToSFTP
        }
    }
}
