public import AWS
public import Jobs
public import LineLogging
import Events

/// `POST /transfers` and `POST /jobs/{id}/cancel`. A transfer request becomes a job the way the
/// Router makes one (``JobLifecycle/create(_:)``, state `RECEIVED`), identified by the customer
/// and the `Idempotency-Key`, and a `TransferRequested` message on the ingest queue asks the
/// Router to route it. The same key again finds the same job (200, and the message is sent again
/// while the job is still `RECEIVED`, in case the first send was lost); the same key for another
/// transfer is a 409.
///
/// Body: `{"sourceEndpoint", "destinationEndpoint", "path", "size"?, "version"?}`, `path` being
/// the file's place below the source endpoint's prefix or base path.
public struct TransferRequests: Sendable {
    public var lifecycle: JobLifecycle
    public var endpoints: EndpointStore
    public var sqs: SQSClient
    public var ingestQueueURL: String

    public init(lifecycle: JobLifecycle, endpoints: EndpointStore, sqs: SQSClient, ingestQueueURL: String) {
        self.lifecycle = lifecycle
        self.endpoints = endpoints
        self.sqs = sqs
        self.ingestQueueURL = ingestQueueURL
    }

    static let fields: Set<String> = ["sourceEndpoint", "destinationEndpoint", "path", "size", "version"]

    func request(_ request: APIRequest, customer: String, log: LineLogger) throws(APIError) -> APIResponse {
        guard let key = request.headers["idempotency-key"] else {
            throw .invalid("Idempotency-Key", "the header is required: a key of yours that names this transfer, to send it again safely")
        }
        guard (1...255).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) else {
            throw .invalid("Idempotency-Key", "must be 1 to 255 printable ASCII characters")
        }
        let fields = try FieldReader(body: request.body, allowed: Self.fields)
        let sourceID = try fields.string("sourceEndpoint", maxLength: 64) ?? ""
        let destinationID = try fields.string("destinationEndpoint", maxLength: 64) ?? ""
        let path = try fields.string("path", maxLength: 1024) ?? ""
        try FieldRules.relativePath(path, field: "path", allowEmpty: false, directory: false)
        guard !path.hasSuffix("/") else { throw .invalid("path", "names a directory; name one file") }
        let size = try fields.integer("size", in: 0...(5 << 40)) ?? 0
        let version = try fields.string("version", required: false, maxLength: 1024) ?? ""
        guard sourceID != destinationID else { throw .invalid("destinationEndpoint", "is the source endpoint") }
        let source = try usable(sourceID, field: "sourceEndpoint", customer: customer)
        let destination = try usable(destinationID, field: "destinationEndpoint", customer: customer)

        let fullKey: String
        switch source.transferEndpoint(at: path) {
        case .s3(let location): fullKey = location.key
        case .sftp(let location): fullKey = location.path
        }
        let id: String
        do {
            id = try JobIdentity.jobID(idempotencyKey: customer + "\n" + key)
        } catch {
            throw .unavailable("the job id cannot be made")
        }
        let job = Job(
            id: id, customer: customer, sourceEndpoint: sourceID, destinationEndpoint: destinationID,
            object: Job.Object(key: fullKey, size: size, version: version), flow: Self.flow(from: source, to: destination),
            createdAt: lifecycle.timestamp, by: lifecycle.actor)
        let outcome: (job: Job, created: Bool)
        do throws(JobStoreError) {
            outcome = try lifecycle.create(job)
        } catch {
            throw .unavailable("the job table cannot be written")
        }
        let existing = outcome.job
        if !outcome.created,
            existing.customer != job.customer || existing.sourceEndpoint != job.sourceEndpoint
                || existing.destinationEndpoint != job.destinationEndpoint || existing.object != job.object
        {
            throw .conflict("IdempotencyKeyReused", "Idempotency-Key \(key) was used for another transfer (job \(existing.id))")
        }
        if existing.state == .received { try askRouter(existing) }
        log.info(outcome.created ? "transfer requested" : "transfer requested again", ["jobId": existing.id])
        return APIResponse(status: outcome.created ? 201 : 200, body: existing.view, headers: ["Location": "/jobs/\(existing.id)"])
    }

    func cancel(_ id: String, customer: String, log: LineLogger) throws(APIError) -> APIResponse {
        let current = try job(id, of: customer, in: lifecycle.store)
        let moved: Job?
        do throws(JobStoreError) {
            moved = try lifecycle.move(current.id, to: .cancelled)
        } catch {
            throw .unavailable("the job table cannot be written")
        }
        guard let moved else {
            let state = (try? lifecycle.store.job(id: id))?.state ?? current.state
            throw .conflict("JobFinished", "job \(id) is \(state.rawValue) and can no longer be cancelled")
        }
        log.info("job cancelled", ["jobId": id])
        return APIResponse(status: 200, body: moved.view)
    }

    /// The endpoint `id` of `customer`, active; otherwise a 400 naming `field`.
    private func usable(_ id: String, field: String, customer: String) throws(APIError) -> CustomerEndpoint {
        let record: EndpointRecord
        do throws(APIError) {
            record = try endpoints.endpoint(id, of: customer)
        } catch where error.status == 404 {
            throw .invalid(field, "no endpoint \(id)")
        }
        guard record.endpoint.active else { throw .invalid(field, "endpoint \(id) is not active; activate it first") }
        return record.endpoint
    }

    /// `{"kind": "TransferRequested", "jobId": …}`, in the job's partition, once per job.
    private func askRouter(_ job: Job) throws(APIError) {
        let body = IngestMessage.transferRequestBody(jobID: job.id)
        do throws(AWSError) {
            _ = try sqs.sendMessage(queueURL: ingestQueueURL, SQSOutgoingMessage(body: body, groupID: job.partition, deduplicationID: job.id))
        } catch {
            throw .unavailable("the transfer was recorded as job \(job.id) but not yet handed on (\(error.code)); send the request again")
        }
    }

    static func flow(from source: CustomerEndpoint, to destination: CustomerEndpoint) -> Job.Flow {
        switch (source.location, destination.location) {
        case (.s3, .s3): .s3ToS3
        case (.s3, .sftp): .s3ToSFTP
        case (.sftp, .s3): .sftpToS3
        case (.sftp, .sftp): .sftpToSFTP
        }
    }
}
