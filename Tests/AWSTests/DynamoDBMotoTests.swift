import AWS
import Testing

extension MotoSuite {
    @Suite("DynamoDB")
    struct DynamoDBMotoTests {
        let dynamo: DynamoDBClient
        let table = "jobs"

        init() throws {
            let fixture = try MotoFixture.get()
            dynamo = DynamoDBClient(client: fixture.client())
            struct Attribute: Encodable { var AttributeName: String; var AttributeType: String }
            struct Key: Encodable { var AttributeName: String; var KeyType: String }
            struct CreateTable: Encodable {
                var TableName: String
                var AttributeDefinitions: [Attribute]
                var KeySchema: [Key]
                var BillingMode = "PAY_PER_REQUEST"
            }
            do {
                _ = try dynamo.client.json(
                    .dynamoDB, "CreateTable",
                    CreateTable(
                        TableName: table,
                        AttributeDefinitions: [.init(AttributeName: "pk", AttributeType: "S"), .init(AttributeName: "sk", AttributeType: "N")],
                        KeySchema: [.init(AttributeName: "pk", KeyType: "HASH"), .init(AttributeName: "sk", KeyType: "RANGE")]),
                    as: EmptyOutput.self)
            } catch {
                guard error.code == "ResourceInUseException" else { throw error }
            }
        }

        @Test("put, consistent get, update with condition, delete")
        func itemLifecycle() throws {
            let key: DynamoDBItem = ["pk": .s("job-1"), "sk": .number(1)]
            try dynamo.putItem(
                table: table, item: key.merging(["state": .s("new"), "tags": .ss(["a", "b"]), "blob": .b([0, 255])]) { $1 })
            let item = try #require(try dynamo.getItem(table: table, key: key, consistentRead: true))
            #expect(item["state"] == .s("new"))
            #expect(item["blob"] == .b([0, 255]))
            let updated = try dynamo.updateItem(
                table: table, key: key, update: "SET #s = :running ADD attempts :one", condition: "#s = :new",
                attributes: ExpressionAttributes(
                    names: ["#s": "state"], values: [":running": .s("running"), ":new": .s("new"), ":one": .number(1)]))
            #expect(updated["state"] == .s("running"))
            #expect(updated["attempts"]?.int64Value == 1)
            try dynamo.deleteItem(table: table, key: key)
            #expect(try dynamo.getItem(table: table, key: key, consistentRead: true) == nil)
        }

        @Test("a conditional write that loses is ConditionalCheckFailed")
        func conditionalWriteLoses() throws {
            let item: DynamoDBItem = ["pk": .s("claim"), "sk": .number(1), "owner": .s("worker-a")]
            try? dynamo.deleteItem(table: table, key: ["pk": .s("claim"), "sk": .number(1)])
            try dynamo.putItem(table: table, item: item, condition: "attribute_not_exists(pk)")
            let error = #expect(throws: AWSError.self) {
                try dynamo.putItem(
                    table: table, item: item.merging(["owner": .s("worker-b")]) { $1 }, condition: "attribute_not_exists(pk)")
            }
            #expect(error?.kind == .conditionalCheckFailed)
            #expect(error?.code == "ConditionalCheckFailedException")
            #expect(error?.isRetryable == false)
            let stored = try dynamo.getItem(table: table, key: ["pk": .s("claim"), "sk": .number(1)], consistentRead: true)
            #expect(stored?["owner"] == .s("worker-a"))
        }

        @Test("query follows pages and applies a filter")
        func queryPages() throws {
            for index in 1...7 {
                try dynamo.putItem(
                    table: table, item: ["pk": .s("batch"), "sk": .number(index), "even": .bool(index % 2 == 0)])
            }
            let attributes = ExpressionAttributes(values: [":pk": .s("batch")])
            let first = try dynamo.query(table: table, keyCondition: "pk = :pk", attributes: attributes, limit: 3)
            #expect(first.items.count == 3 && first.lastEvaluatedKey != nil)
            let all = try dynamo.queryAll(table: table, keyCondition: "pk = :pk", attributes: attributes, pageSize: 3)
            #expect(all.compactMap { $0["sk"]?.int64Value } == Array(1...7))
            let even = try dynamo.queryAll(
                table: table, keyCondition: "pk = :pk", filter: "even = :yes",
                attributes: ExpressionAttributes(values: [":pk": .s("batch"), ":yes": .bool(true)]))
            #expect(even.compactMap { $0["sk"]?.int64Value } == [2, 4, 6])
        }
    }
}
