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
/// the same way from its record. A job already past `QUEUED` is not sent again. A `PullTick` runs
/// the pull schedules that are due (`Router+Pull.swift`), a `SweepTick` the job sweep
/// (`Router+Sweep.swift`).
///
/// A message that cannot succeed (not a message it knows, no endpoint for the object) goes to the
/// dead-letter queue at once with the reason; one that may succeed later (a lease another router
/// holds, a throttled table) is returned to the queue, and so is every later job of its partition
/// in the batch, so the partition keeps its order. The batch's partitions are routed in parallel
/// (`Router+Lanes.swift`).
public struct Router: Sendable {
    public var jobs: JobLifecycle
    public var leases: PartitionLeases
    public var catalog: any EndpointCatalog
    public var dispatcher: JobDispatcher
    public var deadLetters: DeadLetterQueue
    /// The pull schedules; nil when the router runs none (a `PullTick` is then dead-lettered).
    public var schedules: DynamoDBScheduleCatalog?
    /// How long a job may stay in `RUNNING` without a move before the sweep fails it as `Stale`.
    public var staleRunningSeconds: Double
    /// Who holds leases: the router's name and region.
    public var owner: String
    public var log: LineLogger

    public init(
        jobs: JobLifecycle, leases: PartitionLeases, catalog: any EndpointCatalog, dispatcher: JobDispatcher,
        deadLetters: DeadLetterQueue, schedules: DynamoDBScheduleCatalog? = nil, staleRunningSeconds: Double = 14_400,
        owner: String, log: LineLogger
    ) {
        self.jobs = jobs
        self.leases = leases
        self.catalog = catalog
        self.dispatcher = dispatcher
        self.deadLetters = deadLetters
        self.schedules = schedules
        self.staleRunningSeconds = staleRunningSeconds
        self.owner = owner
        self.log = log
    }

    /// Routes a batch; the answer names the messages to return to the queue.
    ///
    /// Each message becomes the jobs it asks for, each in its partition's lane (a tick, or a
    /// message whose partitions need no lookup, in a lane of its own or its message group's). The
    /// lanes run in parallel, up to `laneWidth` at once, and each runs its jobs in the batch's
    /// order, so a partition's jobs are dispatched in order under its lease. A job that must wait
    /// (a lease another router holds, a throttled table) holds the rest of its lane: their
    /// messages go back to the queue with it. A message whose partitions could not be looked up
    /// holds every later message of its message group, as a FIFO queue expects.
    public func route(_ event: SQSEvent) -> SQSBatchResponse {
        let lookups = BatchLookups(catalog: catalog, leases: leases, owner: owner)
        var plans: [Plan] = []
        var heldGroups: Set<String> = []
        for record in event.records {
            if let group = record.messageGroupID, heldGroups.contains(group) {
                plans.append(.settled(.retry("an earlier message of group \(group) must be routed first")))
                continue
            }
            let plan = self.plan(record, lookups: lookups)
            if case .settled(.retry) = plan, let group = record.messageGroupID { heldGroups.insert(group) }
            plans.append(plan)
        }
        var failed: [String] = []
        for (record, outcome) in zip(event.records, run(plans, lookups: lookups)) {
            switch outcome {
            case .done:
                continue
            case .retry(let reason):
                log.warn("router.retry", ["messageId": record.messageId, "reason": reason])
                failed.append(record.messageId)
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

    /// A job the API made: routed like an event's job once its endpoints are found.
    /// - Throws: `RoutingDeadEnd` when the job does not exist or its source cannot take part.
    /// - Returns: false when the job failed for good.
    func routeRequested(jobID: String, lookups: BatchLookups) throws -> Bool {
        guard let job = try jobs.store.job(id: jobID) else { throw RoutingDeadEnd(reason: "job \(jobID) does not exist") }
        let source = try lookups.endpoint(id: job.sourceEndpoint)
        guard let source, source.active, source.customer == job.customer else {
            let reason = Self.unavailability(of: job.sourceEndpoint, found: source, customer: job.customer)
            try fail(job.id, reason: reason)
            throw RoutingDeadEnd(reason: reason)
        }
        return try dispatch(job, from: source, lookups: lookups, created: false)
    }

    /// Makes (or finds) the job of `object` from `source` to the endpoint `destinationID` and
    /// dispatches it unless it has been already; false when the job failed for good.
    func makeJob(
        of object: S3ObjectCreatedEvent.Object, from source: CustomerEndpoint, to destinationID: String, lookups: BatchLookups
    ) throws -> Bool {
        let destination = try lookups.endpoint(id: destinationID)
        let flow: Job.Flow = if case .sftp = destination?.location { .s3ToSFTP } else { .s3ToS3 }
        let jobObject = Job.Object(key: object.key, size: object.size, version: object.etag ?? "")
        let id = try JobIdentity.jobID(
            customer: source.customer, sourceEndpoint: source.id, destinationEndpoint: destinationID, object: jobObject)
        // The new job's RECEIVED goes out with its QUEUED (or its failure), marked once for both.
        let (job, created) = try jobs.create(
            Job(
                id: id, customer: source.customer, sourceEndpoint: source.id, destinationEndpoint: destinationID,
                object: jobObject, flow: flow, createdAt: jobs.timestamp, by: owner),
            publishing: false)
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
        guard let claimed = try claim(job) else {
            log.info("job.duplicate", ["jobId": job.id, "state": job.state.rawValue])
            return true
        }
        let relative = source.relativePath(of: job.object.key) ?? job.object.key
        let route = try dispatcher.dispatch(
            claimed, from: source.transferEndpoint(at: relative), to: destination.transferEndpoint(at: relative))
        if try !jobs.markDispatched(job.id, by: owner) {
            log.warn("job.overtaken", ["jobId": job.id, "reason": "another router took the job over; this dispatch will not run"])
        }
        log.info("job.dispatched", ["jobId": job.id, "route": route.rawValue, "created": String(created)])
        return true
    }

    /// The job queued under this router's dispatch, ready to send; nil when it needs no sending
    /// from here: it was dispatched already, is past `QUEUED`, or another router claimed it first.
    ///
    /// Called while holding the partition's lease. A job queued by another router that never
    /// recorded its dispatch is taken over: that router lost the lease, so it died (or stalled)
    /// between queueing and dispatching, and whatever it may have sent is refused by the executor.
    private func claim(_ job: Job) throws(JobStoreError) -> Job? {
        var job = job
        if job.state == .received {
            if let queued = try jobs.move(job.id, to: .queued, dispatcher: owner) { return queued }
            guard let current = try jobs.store.job(id: job.id) else { return nil }
            job = current
        }
        guard job.state == .queued, !job.dispatched else { return nil }
        if job.dispatcher == owner { return job }
        guard let taken = try jobs.takeOver(job.id, from: job.dispatcher, to: owner) else { return nil }
        log.warn("job.takenOver", ["jobId": job.id, "from": job.dispatcher ?? "none"])
        return taken
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

/// A message that can never route (its job does not exist, its source cannot take part): it goes
/// to the dead-letter queue with this reason.
struct RoutingDeadEnd: Error {
    let reason: String
}
