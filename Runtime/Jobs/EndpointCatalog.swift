public import AWS

/// Where endpoints are looked up.
public protocol EndpointCatalog: Sendable {
    func endpoint(id: String) throws(AWSError) -> CustomerEndpoint?
    /// The S3 endpoints in `bucket`, whatever their prefix.
    func endpoints(inBucket bucket: String) throws(AWSError) -> [CustomerEndpoint]
}

/// ``EndpointCatalog`` in the endpoint table: `pk` = `endpoint#<id>`, and a global secondary index
/// on `bucket` for S3 endpoints, so an object-created event finds its endpoints without a scan.
public struct DynamoDBEndpointCatalog: EndpointCatalog {
    public static let bucketIndex = "ByBucket"
    public var dynamoDB: DynamoDBClient
    public var table: String

    public init(dynamoDB: DynamoDBClient, table: String) {
        self.dynamoDB = dynamoDB
        self.table = table
    }

    public func endpoint(id: String) throws(AWSError) -> CustomerEndpoint? {
        try dynamoDB.getItem(table: table, key: ["pk": .s("endpoint#\(id)")], consistentRead: true).flatMap(CustomerEndpoint.init(record:))
    }

    public func endpoints(inBucket bucket: String) throws(AWSError) -> [CustomerEndpoint] {
        try dynamoDB.queryAll(
            table: table, index: Self.bucketIndex, keyCondition: "#bucket = :bucket",
            attributes: ExpressionAttributes(names: ["#bucket": "bucket"], values: [":bucket": .s(bucket)])
        ).compactMap(CustomerEndpoint.init(record:))
    }

    /// Stores `endpoint`, replacing any with its id.
    public func put(_ endpoint: CustomerEndpoint) throws(AWSError) {
        try dynamoDB.putItem(table: table, item: endpoint.record)
    }
}
