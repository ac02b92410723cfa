public import AWS

/// Publishes every move of a job to the jobs topic: the job as JSON in the message, and its id,
/// customer, state and error code as message attributes, so subscribers filter without parsing.
public struct JobNotifier: Sendable {
    public var sns: SNSClient
    public var topicARN: String

    public init(sns: SNSClient, topicARN: String) {
        self.sns = sns
        self.topicARN = topicARN
    }

    public func publish(_ job: Job) throws(AWSError) {
        var attributes = ["jobId": job.id, "customer": job.customer, "state": job.state.rawValue]
        if let code = job.failure?.code { attributes["errorCode"] = code }
        try sns.publish(topicARN: topicARN, message: job.summaryJSON, subject: "Job \(job.id) \(job.state.rawValue)", attributes: attributes)
    }
}
