public import AWS

/// Pull schedules in the schedule table (`pk` = `schedule#<id>`).
public struct DynamoDBScheduleCatalog: Sendable {
    public var dynamoDB: DynamoDBClient
    public var table: String

    public init(dynamoDB: DynamoDBClient, table: String) {
        self.dynamoDB = dynamoDB
        self.table = table
    }

    /// The schedule, read consistently; nil when there is none or the item is not a schedule.
    public func schedule(id: String) throws(AWSError) -> TransferSchedule? {
        try dynamoDB.getItem(table: table, key: TransferSchedule.key(id: id), consistentRead: true)
            .flatMap(TransferSchedule.init(record:))
    }

    /// Stores `schedule`, replacing any with its id.
    public func put(_ schedule: TransferSchedule) throws(AWSError) {
        try dynamoDB.putItem(table: table, item: schedule.record)
    }

    /// Removes the schedule; removing one that is not there is not an error.
    public func delete(id: String) throws(AWSError) {
        try dynamoDB.deleteItem(table: table, key: TransferSchedule.key(id: id))
    }
}
