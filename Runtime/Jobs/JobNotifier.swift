public import AWS

/// Publishes every move of a job to the jobs topic: the job as JSON in the message, and its id,
/// customer, state, error code and the notification's own id as message attributes, so
/// subscribers filter without parsing.
///
/// Delivery is at least once (`JobLifecycle` publishes again what may not have gone out): the
/// notification id, `<job id>/<index of the transition in the job's history>`, is the same on
/// every publish of one transition, so a subscriber drops what it has seen. On a FIFO topic it is
/// also the deduplication id, with the job as the message group.
public struct JobNotifier: Sendable {
    public var sns: SNSClient
    public var topicARN: String

    public init(sns: SNSClient, topicARN: String) {
        self.sns = sns
        self.topicARN = topicARN
    }

    /// The id of the notification of the job's transition at `index` of its history.
    public static func notificationID(of jobID: String, transition index: Int) -> String { "\(jobID)/\(index)" }

    /// Publishes the job's transitions at `indices` of its history, in order, each the job as it
    /// was then (its state that transition's; its outcome, when the transition is the last).
    /// - Returns: how many of them, from the first, went out; a publish that fails stops the rest,
    ///   which are to be published again.
    public func publish(_ job: Job, transitions indices: [Int]) -> Int {
        var published = 0
        for index in indices {
            do throws(AWSError) {
                try publish(job, transition: index)
            } catch {
                break
            }
            published += 1
        }
        return published
    }

    private func publish(_ job: Job, transition index: Int) throws(AWSError) {
        var view = job
        view.state = job.history[index].state
        view.updatedAt = job.history[index].at
        if index != job.history.count - 1 { view.failure = nil }
        let id = Self.notificationID(of: job.id, transition: index)
        var attributes = ["jobId": job.id, "customer": job.customer, "state": view.state.rawValue, "notificationId": id]
        if let code = view.failure?.code { attributes["errorCode"] = code }
        let fifo = topicARN.hasSuffix(".fifo")
        try sns.publish(
            topicARN: topicARN, message: view.summaryJSON, subject: "Job \(job.id) \(view.state.rawValue)", attributes: attributes,
            groupID: fifo ? job.id : nil, deduplicationID: fifo ? id : nil)
    }
}
