/// Amazon DynamoDB: single-item reads and writes with conditions, and queries.
///
/// A condition that does not hold throws an `AWSError` whose `kind` is `.conditionalCheckFailed`:
/// that is how the engine detects that another worker claimed a job first.
public struct DynamoDBClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// The item with `key`, or nil. `consistentRead` sees every write acknowledged before the call.
    public func getItem(
        table: String, key: DynamoDBItem, consistentRead: Bool = false, projection: String? = nil,
        attributes: ExpressionAttributes = ExpressionAttributes()
    ) throws(AWSError) -> DynamoDBItem? {
        struct Input: Encodable {
            var TableName: String
            var Key: DynamoDBItem
            var ConsistentRead: Bool
            var ProjectionExpression: String?
            var ExpressionAttributeNames: [String: String]?
        }
        struct Output: Decodable { var Item: DynamoDBItem? }
        return try client.json(
            .dynamoDB, "GetItem",
            Input(TableName: table, Key: key, ConsistentRead: consistentRead, ProjectionExpression: projection,
                  ExpressionAttributeNames: attributes.namesOrNil),
            resource: table, as: Output.self
        ).Item
    }

    /// Writes `item`, replacing any item with its key, when `condition` holds (e.g.
    /// `attribute_not_exists(pk)` to create only).
    public func putItem(
        table: String, item: DynamoDBItem, condition: String? = nil,
        attributes: ExpressionAttributes = ExpressionAttributes()
    ) throws(AWSError) {
        _ = try client.json(
            .dynamoDB, "PutItem",
            WriteInput(TableName: table, Item: item, ConditionExpression: condition,
                       ExpressionAttributeNames: attributes.namesOrNil, ExpressionAttributeValues: attributes.valuesOrNil),
            resource: table, as: EmptyOutput.self)
    }

    /// Applies `update` (e.g. `SET #s = :done ADD attempts :one`) when `condition` holds and
    /// returns the item's attributes after the update.
    @discardableResult
    public func updateItem(
        table: String, key: DynamoDBItem, update: String, condition: String? = nil,
        attributes: ExpressionAttributes = ExpressionAttributes()
    ) throws(AWSError) -> DynamoDBItem {
        struct Output: Decodable { var Attributes: DynamoDBItem? }
        return try client.json(
            .dynamoDB, "UpdateItem",
            WriteInput(TableName: table, Key: key, UpdateExpression: update, ConditionExpression: condition,
                       ExpressionAttributeNames: attributes.namesOrNil, ExpressionAttributeValues: attributes.valuesOrNil,
                       ReturnValues: "ALL_NEW"),
            resource: table, as: Output.self
        ).Attributes ?? [:]
    }

    public func deleteItem(
        table: String, key: DynamoDBItem, condition: String? = nil,
        attributes: ExpressionAttributes = ExpressionAttributes()
    ) throws(AWSError) {
        _ = try client.json(
            .dynamoDB, "DeleteItem",
            WriteInput(TableName: table, Key: key, ConditionExpression: condition,
                       ExpressionAttributeNames: attributes.namesOrNil, ExpressionAttributeValues: attributes.valuesOrNil),
            resource: table, as: EmptyOutput.self)
    }

    /// One page of a query on the table or `index`.
    public func query(
        table: String, index: String? = nil, keyCondition: String, filter: String? = nil,
        attributes: ExpressionAttributes, consistentRead: Bool = false, limit: Int? = nil,
        ascending: Bool = true, startKey: DynamoDBItem? = nil
    ) throws(AWSError) -> QueryPage {
        struct Input: Encodable {
            var TableName: String
            var IndexName: String?
            var KeyConditionExpression: String
            var FilterExpression: String?
            var ExpressionAttributeNames: [String: String]?
            var ExpressionAttributeValues: DynamoDBItem?
            var ConsistentRead: Bool
            var Limit: Int?
            var ScanIndexForward: Bool
            var ExclusiveStartKey: DynamoDBItem?
        }
        struct Output: Decodable {
            var Items: [DynamoDBItem]?
            var LastEvaluatedKey: DynamoDBItem?
        }
        let output = try client.json(
            .dynamoDB, "Query",
            Input(TableName: table, IndexName: index, KeyConditionExpression: keyCondition, FilterExpression: filter,
                  ExpressionAttributeNames: attributes.namesOrNil, ExpressionAttributeValues: attributes.valuesOrNil,
                  ConsistentRead: consistentRead, Limit: limit, ScanIndexForward: ascending, ExclusiveStartKey: startKey),
            resource: index.map { "\(table)/\($0)" } ?? table, as: Output.self)
        return QueryPage(items: output.Items ?? [], lastEvaluatedKey: output.LastEvaluatedKey)
    }

    /// Every matching item, following `LastEvaluatedKey` across pages.
    public func queryAll(
        table: String, index: String? = nil, keyCondition: String, filter: String? = nil,
        attributes: ExpressionAttributes, consistentRead: Bool = false, pageSize: Int? = nil
    ) throws(AWSError) -> [DynamoDBItem] {
        var items: [DynamoDBItem] = []
        var startKey: DynamoDBItem?
        repeat {
            let page = try query(
                table: table, index: index, keyCondition: keyCondition, filter: filter, attributes: attributes,
                consistentRead: consistentRead, limit: pageSize, startKey: startKey)
            items += page.items
            startKey = page.lastEvaluatedKey
        } while startKey != nil
        return items
    }

    /// The shared shape of PutItem, UpdateItem and DeleteItem requests.
    private struct WriteInput: Encodable {
        var TableName: String
        var Item: DynamoDBItem?
        var Key: DynamoDBItem?
        var UpdateExpression: String?
        var ConditionExpression: String?
        var ExpressionAttributeNames: [String: String]?
        var ExpressionAttributeValues: DynamoDBItem?
        var ReturnValues: String?
    }
}

/// One page of a query: the items and where the next page starts (nil on the last).
public struct QueryPage: Sendable, Hashable {
    public var items: [DynamoDBItem]
    public var lastEvaluatedKey: DynamoDBItem?
}
