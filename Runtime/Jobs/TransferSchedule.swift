/// A customer's pull schedule: at each fire of `expression`, the files matching `pattern` in the
/// SFTP source endpoint's directory that have settled and were not taken before become jobs to the
/// destination endpoint.
public struct TransferSchedule: Sendable, Hashable {
    public var id: String
    public var customer: String
    /// An EventBridge schedule expression: `rate(…)` or `cron(…)`, in UTC.
    public var expression: String
    /// The SFTP endpoint polled.
    public var sourceEndpoint: String
    /// Which file names in the source's directory are taken (a glob: `*.csv`, `invoice-??.pdf`).
    public var pattern: String
    public var destinationEndpoint: String
    /// An inactive schedule is not run.
    public var active: Bool
    /// When the schedule runs next (RFC 3339, UTC); nil until it has been scheduled.
    public var nextRunAt: String?
    /// RFC 3339, when the customer made it.
    public var createdAt: String

    public init(
        id: String, customer: String, expression: String, sourceEndpoint: String, pattern: String,
        destinationEndpoint: String, active: Bool = true, nextRunAt: String? = nil, createdAt: String
    ) {
        self.id = id
        self.customer = customer
        self.expression = expression
        self.sourceEndpoint = sourceEndpoint
        self.pattern = pattern
        self.destinationEndpoint = destinationEndpoint
        self.active = active
        self.nextRunAt = nextRunAt
        self.createdAt = createdAt
    }
}
