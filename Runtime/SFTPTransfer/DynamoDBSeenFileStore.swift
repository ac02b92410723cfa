public import AWS
public import TransferCore

/// `SeenFileStore` in a DynamoDB table whose partition key is the string attribute `pk`: one
/// item per taken version, written with a conditional put (`attribute_not_exists(pk)`), so exactly
/// one claimant wins however many race.
public struct DynamoDBSeenFileStore: SeenFileStore {
    public var dynamoDB: DynamoDBClient
    public var table: String

    public init(dynamoDB: DynamoDBClient, table: String) {
        self.dynamoDB = dynamoDB
        self.table = table
    }

    public func claim(_ version: RemoteFileVersion, on endpoint: String) throws(TransferError) -> Bool {
        var item = Self.key(of: version, on: endpoint)
        item.merge([
            "path": .s(version.path),
            "size": .number(version.size),
            "mtime": .number(version.modificationTime),
        ]) { $1 }
        do {
            try dynamoDB.putItem(table: table, item: item, condition: "attribute_not_exists(pk)")
            return true
        } catch {
            guard error.kind == .conditionalCheckFailed else {
                throw TransferError(error, context: "recording \(version.path) on \(endpoint) as taken in \(table)")
            }
            return false
        }
    }

    public func isTaken(_ version: RemoteFileVersion, on endpoint: String) throws(TransferError) -> Bool {
        do {
            return try dynamoDB.getItem(table: table, key: Self.key(of: version, on: endpoint), consistentRead: true) != nil
        } catch {
            throw TransferError(error, context: "reading whether \(version.path) on \(endpoint) was taken, in \(table)")
        }
    }

    private static func key(of version: RemoteFileVersion, on endpoint: String) -> DynamoDBItem {
        ["pk": .s("seen#\(endpoint)#\(version.identity)")]
    }
}
