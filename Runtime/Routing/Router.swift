import AWS
public import Events
public import Jobs
public import LineLogging

/// Turns the ingest queue's messages into jobs and sends each job to its executor exactly once.
///
/// For each object-created event it finds the S3 endpoints the object lies in and, for each
/// endpoint those push to, makes the job with a conditional write (its id is the idempotency
/// key's, so a duplicate delivery finds the job the first one made), takes the partition's lease,
/// moves the job to `QUEUED` and dispatches it. A job the API made (`TransferRequested`) is routed
/// the same way from its record. A job already past `QUEUED` is not sent again.
///
/// A message that cannot succeed (not a message it knows, no endpoint for the object) goes to the
/// dead-letter queue at once with the reason; one that may succeed later (a lease another router
/// holds, a throttled table) is returned to the queue, and on a FIFO queue so is every later
/// message of its group in the batch, so the group keeps its order.
public struct Router: Sendable {
    public var jobs: JobLifecycle
    public var leases: PartitionLeases
    public var catalog: any EndpointCatalog
    public var dispatcher: JobDispatcher
    public var deadLetters: DeadLetterQueue
    /// Who holds leases: the router's name and region.
    public var owner: String
    public var log: LineLogger

    public init(
        jobs: JobLifecycle, leases: PartitionLeases, catalog: any EndpointCatalog, dispatcher: JobDispatcher,
        deadLetters: DeadLetterQueue, owner: String, log: LineLogger
    ) {
        self.jobs = jobs
        self.leases = leases
        self.catalog = catalog
        self.dispatcher = dispatcher
        self.deadLetters = deadLetters
        self.owner = owner
        self.log = log
    }

    /// Routes a batch; the answer names the messages to return to the queue.
    public func route(_ event: SQSEvent) -> SQSBatchResponse {
        var failed: [String] = []
        var heldGroups: Set<String> = []
        let lookups = BatchLookups(catalog: catalog, leases: leases, owner: owner)
        for record in event.records {
            if let group = record.messageGroupID, heldGroups.contains(group) {
                failed.append(record.messageId)
                continue
            }
            switch outcome(of: record, lookups: lookups) {
            case .done:
                continue
            case .retry(let reason):
                log.warn("router.retry", ["messageId": record.messageId, "reason": reason])
                failed.append(record.messageId)
                if let group = record.messageGroupID { heldGroups.insert(group) }
            case .deadLetter(let reason):
                log.error("router.deadLetter", ["messageId": record.messageId, "reason": reason])
                do {
                    try deadLetters.send(record, reason: reason)
                } catch {
                    log.error("router.deadLetterFailed", ["messageId": record.messageId, "reason": "\(error)"])
                    failed.append(record.messageId)
                }
            }
        }
        return SQSBatchResponse(failedMessageIDs: failed)
    }

    enum Outcome {
        case done
        case retry(String)
        case deadLetter(String)
    }

    func outcome(of record: SQSEvent.Record, lookups: BatchLookups) -> Outcome {
        let message: IngestMessage
        do {
            message = try IngestMessage(body: record.body)
        } catch {
            return .deadLetter(error.reason)
        }
        do {
            switch message {
            case .objectCreated(let event): return try route(event, lookups: lookups)
            case .transferRequested(let jobID): return try routeRequested(jobID: jobID, lookups: lookups)
            }
        } catch let failure as RoutingFailure {
            return .retry(failure.reason)
        } catch let error as AWSError {
            return error.isRetryable ? .retry("\(error)") : .deadLetter("\(error)")
        } catch let error as JobStoreError {
            if case .storage(let cause) = error, !cause.isRetryable { return .deadLetter("\(error)") }
            return .retry("\(error)")
        } catch {
            return .retry("\(error)")
        }
    }

    /// An object created in a bucket: one job for each endpoint that each of the bucket's
    /// endpoints holding the object pushes to.
    private func route(_ event: S3ObjectCreatedEvent, lookups: BatchLookups) throws -> Outcome {
        let bucket = event.detail.bucket.name
        let object = event.detail.object
        let sources = try lookups.endpoints(inBucket: bucket).filter { $0.active && $0.relativePath(of: object.key) != nil }
        guard !sources.isEmpty else { return .deadLetter("no active endpoint holds s3://\(bucket)/\(object.key)") }
        var dispatched = 0
        for source in sources {
            for destinationID in source.pushTo {
                if try makeJob(of: object, from: source, to: destinationID, lookups: lookups) { dispatched += 1 }
            }
        }
        return dispatched > 0 || sources.allSatisfy({ $0.pushTo.isEmpty })
            ? .done : .deadLetter("every job of s3://\(bucket)/\(object.key) failed; see the jobs")
    }

    /// A job the API made: routed like an event's job once its endpoints are found.
    private func routeRequested(jobID: String, lookups: BatchLookups) throws -> Outcome {
        guard let job = try jobs.store.job(id: jobID) else { return .deadLetter("job \(jobID) does not exist") }
        let source = try lookups.endpoint(id: job.sourceEndpoint)
        guard let source, source.active, source.customer == job.customer else {
            let reason = Self.unavailability(of: job.sourceEndpoint, found: source, customer: job.customer)
            try fail(job.id, reason: reason)
            return .deadLetter(reason)
        }
        return try dispatch(job, from: source, lookups: lookups, created: false) ? .done : .deadLetter("job \(jobID) failed; see the job")
    }

    /// Makes (or finds) the job of `object` from `source` to the endpoint `destinationID` and
    /// dispatches it unless it has been already; false when the job failed for good.
    private func makeJob(
        of object: S3ObjectCreatedEvent.Object, from source: CustomerEndpoint, to destinationID: String, lookups: BatchLookups
    ) throws -> Bool {
        let destination = try lookups.endpoint(id: destinationID)
        let flow: Job.Flow = if case .sftp = destination?.location { .s3ToSFTP } else { .s3ToS3 }
        let jobObject = Job.Object(key: object.key, size: object.size, version: object.etag ?? "")
        let id = try JobIdentity.jobID(
            customer: source.customer, sourceEndpoint: source.id, destinationEndpoint: destinationID, object: jobObject)
        let (job, created) = try jobs.create(
            Job(
                id: id, customer: source.customer, sourceEndpoint: source.id, destinationEndpoint: destinationID,
                object: jobObject, flow: flow, createdAt: jobs.timestamp, by: owner))
        return try dispatch(job, from: source, lookups: lookups, created: created)
    }

    /// Takes the job's partition lease, moves it to `QUEUED` and sends it to its executor, unless it
    /// is past `QUEUED` already; fails it when its destination cannot take part.
    /// - Returns: false when the job failed for good.
    private func dispatch(_ job: Job, from source: CustomerEndpoint, lookups: BatchLookups, created: Bool) throws -> Bool {
        let destination = try lookups.endpoint(id: job.destinationEndpoint)
        guard let destination, destination.active, destination.customer == job.customer else {
            try fail(job.id, reason: Self.unavailability(of: job.destinationEndpoint, found: destination, customer: job.customer))
            return false
        }
        guard job.state == .received || job.state == .queued else {
            log.info("job.duplicate", ["jobId": job.id, "state": job.state.rawValue])
            return true
        }
        guard try lookups.lease(job.partition) else {
            throw RoutingFailure(reason: "partition \(job.partition) is leased by another router")
        }
        if job.state == .received { try jobs.move(job.id, to: .queued) }
        let relative = source.relativePath(of: job.object.key) ?? job.object.key
        let route = try dispatcher.dispatch(
            job, from: source.transferEndpoint(at: relative), to: destination.transferEndpoint(at: relative))
        log.info("job.dispatched", ["jobId": job.id, "route": route.rawValue, "created": String(created)])
        return true
    }

    private func fail(_ id: String, reason: String) throws {
        try jobs.move(id, to: .failed, failure: Job.Failure(code: "EndpointUnavailable", message: reason))
        log.error("job.failed", ["jobId": id, "errorCode": "EndpointUnavailable", "reason": reason])
    }

    private static func unavailability(of id: String, found endpoint: CustomerEndpoint?, customer: String) -> String {
        guard let endpoint else { return "endpoint \(id) does not exist" }
        return endpoint.customer != customer ? "endpoint \(id) belongs to another customer" : "endpoint \(id) is not active"
    }
}

/// A message that may route once something else has happened (a lease expires).
struct RoutingFailure: Error {
    let reason: String
}
