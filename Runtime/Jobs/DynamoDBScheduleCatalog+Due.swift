public import AWS

extension TransferSchedule {
    /// The schedule table's sparse index of the schedules to run: every active schedule is in it
    /// (partition `due`), sorted by `dueAt`, so the Router finds the due ones with one query.
    public static let dueIndex = "Due"

    /// When the schedule is due: its next run, or, for one that never ran, its creation (a new
    /// schedule runs at the first tick).
    public var dueAt: String { nextRunAt ?? createdAt }
}

extension DynamoDBScheduleCatalog {
    /// The active schedules due at `now` (RFC 3339), from the `Due` index, not a scan.
    public func due(at now: String) throws(AWSError) -> [TransferSchedule] {
        try dynamoDB.queryAll(
            table: table, index: TransferSchedule.dueIndex, keyCondition: "#due = :due AND dueAt <= :now",
            attributes: ExpressionAttributes(names: ["#due": "due"], values: [":due": .s("due"), ":now": .s(now)])
        ).compactMap(TransferSchedule.init(record:))
    }

    /// Takes this run of `schedule` by moving its next run to `next`, with a write conditional on
    /// the run it was due for, so of two routers at one tick exactly one runs it.
    /// - Returns: false when another router took the run first, or the schedule changed.
    public func claim(_ schedule: TransferSchedule, next: String) throws(AWSError) -> Bool {
        do {
            _ = try dynamoDB.updateItem(
                table: table, key: TransferSchedule.key(id: schedule.id), update: "SET nextRunAt = :next, dueAt = :next",
                condition: "dueAt = :was AND active = :true",
                attributes: ExpressionAttributes(values: [":next": .s(next), ":was": .s(schedule.dueAt), ":true": .bool(true)]))
            return true
        } catch where error.kind == .conditionalCheckFailed {
            return false
        }
    }
}
