public import AWS

/// ``JobStore`` in the job table (partition key `pk`, the job under `job#<id>`).
public struct DynamoDBJobStore: JobStore {
    public var dynamoDB: DynamoDBClient
    public var table: String

    public init(dynamoDB: DynamoDBClient, table: String) {
        self.dynamoDB = dynamoDB
        self.table = table
    }

    public func create(_ job: Job) throws(JobStoreError) -> (job: Job, created: Bool) {
        do throws(AWSError) {
            try dynamoDB.putItem(table: table, item: job.record, condition: "attribute_not_exists(pk)")
            return (job, true)
        } catch where error.kind == .conditionalCheckFailed {
            guard let existing = try self.job(id: job.id) else { throw .notFound(id: job.id) }
            return (existing, false)
        } catch {
            throw .storage(error)
        }
    }

    public func job(id: String) throws(JobStoreError) -> Job? {
        let item: DynamoDBItem?
        do throws(AWSError) {
            item = try dynamoDB.getItem(table: table, key: Job.key(id: id), consistentRead: true)
        } catch {
            throw .storage(error)
        }
        guard let item else { return nil }
        guard let job = Job(record: item) else { throw .malformed(id: id) }
        return job
    }

    @discardableResult
    public func apply(_ change: JobChange, to id: String) throws(JobStoreError) -> Job {
        guard !change.state.allowedPredecessors.isEmpty else {
            guard let current = try job(id: id) else { throw .notFound(id: id) }
            throw .refused(id: id, to: change.state, current: current.state)
        }
        let (update, attributes) = Self.expression(for: change)
        let item: DynamoDBItem
        do throws(AWSError) {
            item = try dynamoDB.updateItem(
                table: table, key: Job.key(id: id), update: update, condition: Self.condition(for: change),
                attributes: attributes)
        } catch where error.kind == .conditionalCheckFailed {
            guard let current = try job(id: id) else { throw .notFound(id: id) }
            throw .refused(id: id, to: change.state, current: current.state)
        } catch {
            throw .storage(error)
        }
        guard let job = Job(record: item) else { throw .malformed(id: id) }
        return job
    }

    public func takeOver(_ id: String, from previous: String?, to dispatcher: String) throws(JobStoreError) -> Job? {
        var attributes = ExpressionAttributes(
            names: ["#state": "state"], values: [":queued": .s(JobState.queued.rawValue), ":to": .s(dispatcher), ":true": .bool(true)])
        var condition = "#state = :queued AND (attribute_not_exists(dispatched) OR dispatched <> :true) AND "
        if let previous {
            condition += "dispatcher = :from"
            attributes.values[":from"] = .s(previous)
        } else {
            condition += "attribute_not_exists(dispatcher)"
        }
        return try conditionalUpdate(id, update: "SET dispatcher = :to", condition: condition, attributes: attributes)
    }

    public func markDispatched(_ id: String, by dispatcher: String) throws(JobStoreError) -> Bool {
        try conditionalUpdate(
            id, update: "SET dispatched = :true", condition: "dispatcher = :me",
            attributes: ExpressionAttributes(values: [":me": .s(dispatcher), ":true": .bool(true)])) != nil
    }

    public func markNotified(_ id: String, through count: Int) throws(JobStoreError) {
        let attributes = ExpressionAttributes(values: [":n": .number(count)])
        let advanced = "(attribute_not_exists(notifiedThrough) OR notifiedThrough < :n)"
        if try conditionalUpdate(
            id, update: "SET notifiedThrough = :n REMOVE outbox", condition: "size(history) = :n AND " + advanced,
            attributes: attributes) != nil
        {
            return
        }
        _ = try conditionalUpdate(id, update: "SET notifiedThrough = :n", condition: advanced, attributes: attributes)
    }

    public func withPendingNotifications(updatedBefore cutoff: String) throws(JobStoreError) -> [Job] {
        try query(index: Job.outboxIndex, partition: "outbox", value: "pending", updatedBefore: cutoff)
    }

    public func running(updatedBefore cutoff: String) throws(JobStoreError) -> [Job] {
        try query(index: Job.runningIndex, partition: "running", value: JobState.running.rawValue, updatedBefore: cutoff)
    }

    private func query(index: String, partition: String, value: String, updatedBefore cutoff: String) throws(JobStoreError) -> [Job] {
        do throws(AWSError) {
            return try dynamoDB.queryAll(
                table: table, index: index, keyCondition: "#partition = :value AND updatedAt < :cutoff",
                attributes: ExpressionAttributes(names: ["#partition": partition], values: [":value": .s(value), ":cutoff": .s(cutoff)])
            ).compactMap(Job.init(record:))
        } catch {
            throw .storage(error)
        }
    }

    /// An update that changes no state; nil when its condition does not hold.
    private func conditionalUpdate(
        _ id: String, update: String, condition: String, attributes: ExpressionAttributes
    ) throws(JobStoreError) -> Job? {
        let item: DynamoDBItem
        do throws(AWSError) {
            item = try dynamoDB.updateItem(
                table: table, key: Job.key(id: id), update: update, condition: "attribute_exists(pk) AND " + condition,
                attributes: attributes)
        } catch where error.kind == .conditionalCheckFailed {
            return nil
        } catch {
            throw .storage(error)
        }
        guard let job = Job(record: item) else { throw .malformed(id: id) }
        return job
    }

    /// The job exists, is in one of the states the move is allowed from and, for an executor's
    /// move to `RUNNING`, is under the executor's dispatch.
    private static func condition(for change: JobChange) -> String {
        let allowed = change.state.allowedPredecessors.indices.map { ":from\($0)" }
        var condition = "attribute_exists(pk) AND #state IN (\(allowed.joined(separator: ", ")))"
        if change.state == .running, change.dispatcher != nil {
            condition += " AND (attribute_not_exists(dispatcher) OR dispatcher = :dispatcher)"
        }
        if change.unchangedSince != nil { condition += " AND updatedAt = :seen" }
        return condition
    }

    private static func expression(for change: JobChange) -> (String, ExpressionAttributes) {
        var sets = ["#state = :to", "updatedAt = :at", "history = list_append(history, :step)", "outbox = :pending"]
        var attributes = ExpressionAttributes(
            names: ["#state": "state"],
            values: [
                ":to": .s(change.state.rawValue), ":at": .s(change.at), ":pending": .s("pending"),
                ":step": .l([Job.Transition(state: change.state, at: change.at, by: change.by).attribute]),
            ])
        if let seen = change.unchangedSince { attributes.values[":seen"] = .s(seen) }
        for (index, state) in change.state.allowedPredecessors.enumerated() {
            attributes.values[":from\(index)"] = .s(state.rawValue)
        }
        if change.state == .running {
            sets += ["attempts = attempts + :one", "running = :to"]
            attributes.values[":one"] = .number(1)
        }
        if let dispatcher = change.dispatcher, change.state == .queued || change.state == .running {
            attributes.values[":dispatcher"] = .s(dispatcher)
            if change.state == .queued { sets.append("dispatcher = :dispatcher") }
        }
        if let bytes = change.bytes {
            sets.append("#bytes = :bytes")
            attributes.names["#bytes"] = "bytes"
            attributes.values[":bytes"] = .number(bytes)
        }
        if let checksum = change.checksum {
            sets.append("checksum = :checksum")
            attributes.values[":checksum"] = .s(checksum)
        }
        if let failure = change.failure {
            sets += ["errorCode = :code", "errorMessage = :message"]
            attributes.values[":code"] = .s(failure.code)
            attributes.values[":message"] = .s(failure.message)
        }
        let removal = change.state == .running ? "" : " REMOVE running"
        return ("SET " + sets.joined(separator: ", ") + removal, attributes)
    }
}
