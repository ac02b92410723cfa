public import AWS

extension Job {
    /// The job's key in the job table, whose partition key is the string `pk`.
    public static func key(id: String) -> DynamoDBItem { ["pk": .s("job#\(id)")] }

    /// The job table's sparse index of jobs with transitions not yet published (partition
    /// `outbox` = `pending`, sorted by `updatedAt`): every write that records a transition puts
    /// the job in it, and the publish of its last transition takes it out.
    public static let outboxIndex = "Outbox"

    /// The job table's sparse index of running jobs (partition `running` = `RUNNING`, sorted by
    /// `updatedAt`): a move to `RUNNING` puts the job in it and every other move takes it out, so
    /// the sweep finds jobs stuck in `RUNNING` with one query.
    public static let runningIndex = "Running"

    /// The job as the table stores it.
    public var record: DynamoDBItem {
        var item = Self.key(id: id)
        item["id"] = .s(id)
        item["customer"] = .s(customer)
        item["source"] = .s(sourceEndpoint)
        item["destination"] = .s(destinationEndpoint)
        item["key"] = .s(object.key)
        item["size"] = .number(object.size)
        item["version"] = .s(object.version)
        item["flow"] = .s(flow.rawValue)
        item["state"] = .s(state.rawValue)
        item["attempts"] = .number(attempts)
        item["createdAt"] = .s(createdAt)
        item["updatedAt"] = .s(updatedAt)
        item["history"] = .l(history.map(\.attribute))
        item["notifiedThrough"] = .number(notifiedThrough)
        if notifiedThrough < history.count { item["outbox"] = .s("pending") }
        if state == .running { item["running"] = .s(JobState.running.rawValue) }
        if let dispatcher { item["dispatcher"] = .s(dispatcher) }
        if dispatched { item["dispatched"] = .bool(true) }
        if let bytes { item["bytes"] = .number(bytes) }
        if let checksum { item["checksum"] = .s(checksum) }
        if let failure {
            item["errorCode"] = .s(failure.code)
            item["errorMessage"] = .s(failure.message)
        }
        return item
    }

    /// Reads a stored job; nil when a field is missing or malformed (not a job item).
    public init?(record item: DynamoDBItem) {
        guard let id = item["id"]?.stringValue, let customer = item["customer"]?.stringValue,
            let source = item["source"]?.stringValue, let destination = item["destination"]?.stringValue,
            let key = item["key"]?.stringValue, let size = item["size"]?.int64Value, let version = item["version"]?.stringValue,
            let flow = item["flow"]?.stringValue.flatMap(Flow.init(rawValue:)),
            let state = item["state"]?.stringValue.flatMap(JobState.init(rawValue:)),
            let createdAt = item["createdAt"]?.stringValue, let updatedAt = item["updatedAt"]?.stringValue,
            let history = item["history"]?.listValue?.compactMap(Transition.init(attribute:))
        else { return nil }
        self.id = id
        self.customer = customer
        sourceEndpoint = source
        destinationEndpoint = destination
        object = Object(key: key, size: size, version: version)
        self.flow = flow
        self.state = state
        attempts = item["attempts"]?.int64Value.map(Int.init) ?? 0
        dispatcher = item["dispatcher"]?.stringValue
        dispatched = item["dispatched"]?.boolValue ?? false
        bytes = item["bytes"]?.int64Value
        checksum = item["checksum"]?.stringValue
        failure = item["errorCode"]?.stringValue.map {
            Failure(code: $0, message: item["errorMessage"]?.stringValue ?? "")
        }
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.history = history
        notifiedThrough = item["notifiedThrough"]?.int64Value.map(Int.init) ?? history.count
    }
}

extension Job.Transition {
    var attribute: AttributeValue { .m(["state": .s(state.rawValue), "at": .s(at), "by": .s(by)]) }

    init?(attribute: AttributeValue) {
        guard let fields = attribute.mapValue, let state = fields["state"]?.stringValue.flatMap(JobState.init(rawValue:)),
            let at = fields["at"]?.stringValue, let by = fields["by"]?.stringValue
        else { return nil }
        self.init(state: state, at: at, by: by)
    }
}
