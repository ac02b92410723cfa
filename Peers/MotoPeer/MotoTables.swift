public import AWS

/// DynamoDB tables the suites need on moto.
public enum MotoTables {
    /// Creates an on-demand table keyed by the string attribute `pk`, the shape the seen-file
    /// store and the job checkpoints share.
    public static func createPartitionKeyTable(_ name: String, with client: AWSClient) throws {
        struct Attribute: Encodable {
            var AttributeName: String
            var AttributeType: String
        }
        struct Key: Encodable {
            var AttributeName: String
            var KeyType: String
        }
        struct CreateTable: Encodable {
            var TableName: String
            var AttributeDefinitions: [Attribute]
            var KeySchema: [Key]
            var BillingMode = "PAY_PER_REQUEST"
        }
        struct Created: Decodable {}
        let _: Created = try client.json(
            .dynamoDB, "CreateTable",
            CreateTable(
                TableName: name, AttributeDefinitions: [Attribute(AttributeName: "pk", AttributeType: "S")],
                KeySchema: [Key(AttributeName: "pk", KeyType: "HASH")]))
    }
}
