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
/// second start, and the work message's deduplication id is the job id. Both carry the job's
/// dispatcher, under which alone the executor runs it (`JobLifecycle.begin`).
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

    /// Starts the one-object state machine; an execution of that name exists already when the job
    /// was dispatched before, which is the outcome wanted.
    private func startExecution(input: String, name: String) throws(AWSError) {
        do {
            _ = try stepFunctions.startExecution(stateMachineARN: stateMachineARN, input: input, name: name)
        } catch {
            guard error.code == "ExecutionAlreadyExists" else { throw error }
        }
    }

    public func route(of job: Job) -> Route {
        job.flow == .s3ToS3 && job.object.size < stateMachineLimitBytes ? .stateMachine : .worker
    }

    @discardableResult
    public func dispatch(_ job: Job, from source: TransferEndpoint, to destination: TransferEndpoint) throws -> Route {
        let route = route(of: job)
        switch (route, source, destination) {
        case (.stateMachine, .s3(let from), .s3(let to)):
            // TransferObject's item: the whole key as the source "prefix" maps it to exactly `to.key`.
            let input = OneObjectInput(
                jobID: job.id, sourceBucket: from.bucket, sourcePrefix: from.key, destinationBucket: to.bucket,
                destinationPrefix: to.key, key: from.key, size: job.object.size,
                etag: String(job.object.version.filter { $0 != "\"" }), dispatcher: job.dispatcher)
            let json = String(decoding: try JSONEncoder().encode(input), as: UTF8.self)
            try startExecution(input: json, name: job.id)
        default:
            let flow = TransferJob.Flow(job.flow)
            let message = TransferJob(id: job.id, flow: flow, source: source, destination: destination, dispatcher: job.dispatcher)
            try sqs.sendMessage(
                queueURL: workQueueURL,
                SQSOutgoingMessage(
                    id: job.id, body: String(decoding: try JSONEncoder().encode(message), as: UTF8.self),
                    groupID: String(job.partition.prefix(128)), deduplicationID: job.id))
        }
        return route
    }
}

extension JobDispatcher {
    /// Sends a pull schedule's run to the worker; the schedule and its run time make the
    /// deduplication id, so a run sent twice is polled once.
    public func sendPoll(_ request: PollRequest, run: String) throws {
        try sqs.sendMessage(
            queueURL: workQueueURL,
            SQSOutgoingMessage(
                id: request.scheduleID, body: String(decoding: try JSONEncoder().encode(request), as: UTF8.self),
                groupID: String("poll/\(request.scheduleID)".prefix(128)),
                deduplicationID: String("\(request.scheduleID)@\(run)".prefix(128))))
    }
}

/// The one-object state machine's input: `TransferObject`'s item and the job it belongs to.
private struct OneObjectInput: Encodable {
    var jobID: String
    var sourceBucket: String
    var sourcePrefix: String
    var destinationBucket: String
    var destinationPrefix: String
    var key: String
    var size: Int64
    var etag: String
    var dispatcher: String?

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", sourceBucket = "source_bucket", sourcePrefix = "source_prefix"
        case destinationBucket = "destination_bucket", destinationPrefix = "destination_prefix", key, size, etag, dispatcher
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
