public import AWS

extension TransferSchedule {
    /// The schedule's key in the schedule table, whose partition key is the string `pk`.
    public static func key(id: String) -> DynamoDBItem { ["pk": .s("schedule#\(id)")] }

    /// The schedule as the schedule table stores it.
    public var record: DynamoDBItem {
        var item = Self.key(id: id)
        item["id"] = .s(id)
        item["customer"] = .s(customer)
        item["expression"] = .s(expression)
        item["source"] = .s(sourceEndpoint)
        item["pattern"] = .s(pattern)
        item["destination"] = .s(destinationEndpoint)
        item["active"] = .bool(active)
        item["createdAt"] = .s(createdAt)
        if let nextRunAt { item["nextRunAt"] = .s(nextRunAt) }
        return item
    }

    /// Reads a stored schedule; nil when a field is missing or malformed (not a schedule item).
    public init?(record item: DynamoDBItem) {
        guard let id = item["id"]?.stringValue, let customer = item["customer"]?.stringValue,
            let expression = item["expression"]?.stringValue, let source = item["source"]?.stringValue,
            let pattern = item["pattern"]?.stringValue, let destination = item["destination"]?.stringValue,
            let createdAt = item["createdAt"]?.stringValue
        else { return nil }
        self.init(
            id: id, customer: customer, expression: expression, sourceEndpoint: source, pattern: pattern,
            destinationEndpoint: destination, active: item["active"]?.boolValue ?? false,
            nextRunAt: item["nextRunAt"]?.stringValue, createdAt: createdAt)
    }
}
