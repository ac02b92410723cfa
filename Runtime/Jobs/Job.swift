/// The system of record of one transfer: one object or file, from one endpoint to another, and
/// everything that happened to it. Kept in the job table; every component reads and moves jobs
/// through ``JobStore``.
public struct Job: Sendable, Hashable {
    /// How the bytes move, which decides the executor.
    public enum Flow: String, Sendable, Hashable, Codable {
        case s3ToS3, s3ToSFTP, sftpToS3, sftpToSFTP
    }

    /// The object or file a job moves, as it was when the job was made: a changed source is
    /// another job.
    public struct Object: Sendable, Hashable {
        /// The S3 key or the SFTP path.
        public var key: String
        public var size: Int64
        /// The S3 ETag, or the SFTP file's modification time in seconds, whichever the source has.
        public var version: String

        public init(key: String, size: Int64, version: String) {
            self.key = key
            self.size = size
            self.version = version
        }
    }

    /// One move of the job: the state it reached, when (RFC 3339) and who moved it.
    public struct Transition: Sendable, Hashable {
        public var state: JobState
        public var at: String
        public var by: String

        public init(state: JobState, at: String, by: String) {
            self.state = state
            self.at = at
            self.by = by
        }
    }

    /// Why a job failed: a code subscribers filter on, and a message for people.
    public struct Failure: Sendable, Hashable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public var id: String
    public var customer: String
    public var sourceEndpoint: String
    public var destinationEndpoint: String
    public var object: Object
    public var flow: Flow
    public var state: JobState
    /// Executor attempts so far (each move to `RUNNING`).
    public var attempts: Int
    /// Bytes the executor verified at the destination.
    public var bytes: Int64?
    /// The destination's checksum as the executor verified it (e.g. `CRC32C:…`).
    public var checksum: String?
    public var failure: Failure?
    /// The router (`name@region`) whose dispatch the job runs under: set when the job is queued,
    /// moved only when a router takes over a queued job whose dispatcher died before it dispatched.
    /// An executor runs the job only under this dispatch, so a dispatch that was overtaken is inert.
    public var dispatcher: String?
    /// Whether `dispatcher` has sent the job to its executor; a queued job not yet dispatched is
    /// the only one another router may take over.
    public var dispatched: Bool
    public var createdAt: String
    public var updatedAt: String
    public var history: [Transition]
    /// How many of `history`'s transitions have been published; the rest are the job's outbox,
    /// published again by the next move or by the sweep until they go out.
    public var notifiedThrough: Int

    public init(
        id: String, customer: String, sourceEndpoint: String, destinationEndpoint: String, object: Object, flow: Flow,
        createdAt: String, by: String
    ) {
        self.id = id
        self.customer = customer
        self.sourceEndpoint = sourceEndpoint
        self.destinationEndpoint = destinationEndpoint
        self.object = object
        self.flow = flow
        state = .received
        attempts = 0
        dispatched = false
        self.createdAt = createdAt
        updatedAt = createdAt
        history = [Transition(state: .received, at: createdAt, by: by)]
        notifiedThrough = 0
    }

    /// The places in `history` of the transitions not yet published.
    public var pendingNotifications: Range<Int> { min(notifiedThrough, history.count)..<history.count }

    /// The lease that orders this job among the others of its customer and endpoints.
    public var partition: String { Self.partition(customer: customer, source: sourceEndpoint, destination: destinationEndpoint) }

    /// The partition of a customer's jobs from one endpoint to another.
    public static func partition(customer: String, source: String, destination: String) -> String {
        "\(customer)/\(source)/\(destination)"
    }
}
