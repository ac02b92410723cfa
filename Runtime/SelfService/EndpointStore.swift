public import AWS
import Jobs

/// The endpoint table as the API uses it: a customer's endpoints by id (another customer's answer
/// as missing) and listed through the `ByCustomer` index, never a scan.
public struct EndpointStore: Sendable {
    public static let customerIndex = "ByCustomer"
    public var dynamoDB: DynamoDBClient
    public var table: String

    public init(dynamoDB: DynamoDBClient, table: String) {
        self.dynamoDB = dynamoDB
        self.table = table
    }

    /// The endpoint `id` of `customer`.
    /// - Throws: 404 when there is none, or it is another customer's.
    public func endpoint(_ id: String, of customer: String) throws(APIError) -> EndpointRecord {
        guard EndpointIDs.isWellFormed(id) else { throw .notFound("endpoint", id) }
        let item: DynamoDBItem?
        do throws(AWSError) {
            item = try dynamoDB.getItem(table: table, key: Self.key(id), consistentRead: true)
        } catch {
            throw .unavailable("the endpoint table cannot be read: \(error.code)")
        }
        guard let item, let record = EndpointRecord(item: item), record.endpoint.customer == customer else { throw .notFound("endpoint", id) }
        return record
    }

    /// Every endpoint of `customer`, by id.
    public func endpoints(of customer: String) throws(APIError) -> [EndpointRecord] {
        do throws(AWSError) {
            return try dynamoDB.queryAll(
                table: table, index: Self.customerIndex, keyCondition: "customer = :customer",
                attributes: ExpressionAttributes(values: [":customer": .s(customer)])
            ).compactMap(EndpointRecord.init(item:)).sorted { $0.id < $1.id }
        } catch {
            throw .unavailable("the endpoint table cannot be read: \(error.code)")
        }
    }

    /// Stores `record`; with `mustBeNew`, only when no endpoint has its id.
    public func put(_ record: EndpointRecord, mustBeNew: Bool = false) throws(APIError) {
        do throws(AWSError) {
            try dynamoDB.putItem(table: table, item: record.item, condition: mustBeNew ? "attribute_not_exists(pk)" : nil)
        } catch {
            throw .unavailable("the endpoint table cannot be written: \(error.code)")
        }
    }

    public func delete(_ id: String) throws(APIError) {
        do throws(AWSError) {
            try dynamoDB.deleteItem(table: table, key: Self.key(id))
        } catch {
            throw .unavailable("the endpoint table cannot be written: \(error.code)")
        }
    }

    static func key(_ id: String) -> DynamoDBItem { ["pk": .s("endpoint#\(id)")] }
}
