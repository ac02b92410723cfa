import AWS
import Events
import Jobs

/// A batch's jobs in lanes: one lane per partition, the lanes in parallel, each in order.
extension Router {
    /// How many lanes of a batch run at once.
    static let laneWidth = 8

    enum Outcome: Sendable {
        case done
        case retry(String)
        case deadLetter(String)
    }

    /// One job of a message (or a tick's whole run), in the lane it runs in order with.
    struct LaneTask: Sendable {
        var lane: String
        /// False when the job failed for good.
        var run: @Sendable (BatchLookups) throws -> Bool
    }

    /// What a message asks for: an outcome known already, or the tasks whose results make it.
    enum Plan {
        case settled(Outcome)
        /// `failure` is the dead letter's reason when no task dispatched its job.
        case tasks([LaneTask], failure: String)
    }

    /// Reads the message and finds its partitions, which are its tasks' lanes.
    func plan(_ record: SQSEvent.Record, lookups: BatchLookups) -> Plan {
        let message: IngestMessage
        do {
            message = try IngestMessage(body: record.body)
        } catch {
            return .settled(.deadLetter(error.reason))
        }
        let own = "message:\(record.messageId)"
        do {
            switch message {
            case .objectCreated(let event):
                return try plan(event, lookups: lookups)
            case .transferRequested(let jobID):
                // The API and the pull run send it with the job's partition as its message group.
                let task = LaneTask(lane: record.messageGroupID ?? own) { lookups in try routeRequested(jobID: jobID, lookups: lookups) }
                return .tasks([task], failure: "job \(jobID) failed; see the job")
            case .pullTick:
                return .tasks([LaneTask(lane: own) { lookups in try runDueSchedules(lookups: lookups) }], failure: "the pull tick failed")
            case .sweepTick:
                return .tasks([LaneTask(lane: own) { _ in try sweep() }], failure: "the sweep failed")
            }
        } catch {
            return .settled(Self.outcome(of: error))
        }
    }

    /// An object created in a bucket: one task for each endpoint that each of the bucket's
    /// endpoints holding the object pushes to, in the lane of that job's partition.
    private func plan(_ event: S3ObjectCreatedEvent, lookups: BatchLookups) throws -> Plan {
        let bucket = event.detail.bucket.name
        let object = event.detail.object
        let sources = try lookups.endpoints(inBucket: bucket).filter { $0.active && $0.relativePath(of: object.key) != nil }
        guard !sources.isEmpty else { return .settled(.deadLetter("no active endpoint holds s3://\(bucket)/\(object.key)")) }
        let tasks = sources.flatMap { source in
            source.pushTo.map { destinationID in
                LaneTask(lane: Self.lane(of: Job.partition(customer: source.customer, source: source.id, destination: destinationID))) {
                    lookups in try makeJob(of: object, from: source, to: destinationID, lookups: lookups)
                }
            }
        }
        return .tasks(tasks, failure: "every job of s3://\(bucket)/\(object.key) failed; see the jobs")
    }

    /// The lane of a partition: cut as a message group id is, so that an event's job and a
    /// requested job (whose message group is its partition) of one partition share a lane.
    static func lane(of partition: String) -> String { String(partition.prefix(128)) }

    /// Runs the plans' tasks, the lanes in parallel and each lane in order, and makes each
    /// message's outcome of its tasks'.
    func run(_ plans: [Plan], lookups: BatchLookups) -> [Outcome] {
        let tasks = plans.map { plan -> [LaneTask] in if case .tasks(let tasks, _) = plan { tasks } else { [] } }
        var laneNames: [String] = []
        var lanes: [String: [TaskResult.Place]] = [:]
        for (message, messageTasks) in tasks.enumerated() {
            for (index, task) in messageTasks.enumerated() {
                if lanes[task.lane] == nil { laneNames.append(task.lane) }
                lanes[task.lane, default: []].append(TaskResult.Place(message: message, task: index))
            }
        }
        let places = laneNames.map { lanes[$0] ?? [] }
        let laneResults = ParallelLoop.run(count: places.count, width: Self.laneWidth) { (lane: Int) -> [TaskResult] in
            var held: String?
            return places[lane].map { place -> TaskResult in
                if let held { return .settled(.retry(held)) }
                do {
                    return try tasks[place.message][place.task].run(lookups) ? .dispatched : .failedForGood
                } catch {
                    let outcome = Self.outcome(of: error)
                    if case .retry(let reason) = outcome { held = "an earlier job of its partition must wait: \(reason)" }
                    return .settled(outcome)
                }
            }
        }
        var results = tasks.map { [TaskResult?](repeating: nil, count: $0.count) }
        for (lanePlaces, laneResult) in zip(places, laneResults) {
            for (place, result) in zip(lanePlaces, laneResult) { results[place.message][place.task] = result }
        }
        return plans.enumerated().map { message, plan in
            switch plan {
            case .settled(let outcome): outcome
            case .tasks(_, let failure): TaskResult.outcome(of: results[message].compactMap { $0 }, failure: failure)
            }
        }
    }

    /// What an error of routing means for its message: wait and retry, or dead-letter.
    static func outcome(of error: any Error) -> Outcome {
        switch error {
        case let failure as RoutingFailure: .retry(failure.reason)
        case let deadEnd as RoutingDeadEnd: .deadLetter(deadEnd.reason)
        case let error as AWSError: error.isRetryable ? .retry("\(error)") : .deadLetter("\(error)")
        case let error as JobStoreError:
            if case .storage(let cause) = error, !cause.isRetryable { .deadLetter("\(error)") } else { .retry("\(error)") }
        default: .retry("\(error)")
        }
    }
}
