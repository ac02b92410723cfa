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

    /// Creates the template's job table: `pk`, and the sparse `Outbox` and `Running` indexes
    /// (partitions `outbox` and `running`, sorted by `updatedAt`) that the Router's sweep queries.
    public static func createJobTable(_ name: String, with client: AWSClient) throws {
        func index(_ name: String, _ partition: String) -> String {
            #"{"IndexName": "\#(name)", "KeySchema": [{"AttributeName": "\#(partition)", "KeyType": "HASH"}, "#
                + #"{"AttributeName": "updatedAt", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}"#
        }
        let attributes = ["pk", "updatedAt", "outbox", "running"].map { #"{"AttributeName": "\#($0)", "AttributeType": "S"}"# }
        let definition = #"{"TableName": "\#(name)", "BillingMode": "PAY_PER_REQUEST", "#
            + #""AttributeDefinitions": [\#(attributes.joined(separator: ", "))], "#
            + #""KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "#
            + #""GlobalSecondaryIndexes": [\#(index("Outbox", "outbox")), \#(index("Running", "running"))]}"#
        _ = try client.json(.dynamoDB, "CreateTable", body: Array(definition.utf8))
    }
}
