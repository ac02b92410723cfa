#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import AWS

/// One owner at a time for a partition (a customer's jobs between two endpoints), so its jobs are
/// dispatched by one router and in order. The lease is an item `lease#<partition>` in the job
/// table with its owner and an expiry; the owner renews it while it works (heartbeat), and anyone
/// takes it over once it has expired, so a router that died holds nothing for long.
public struct PartitionLeases: Sendable {
    public var dynamoDB: DynamoDBClient
    public var table: String
    /// How long a lease lasts without a heartbeat.
    public var duration: Duration
    /// The current time in milliseconds since the epoch; a test may move it.
    public var now: @Sendable () -> Int64

    public init(
        dynamoDB: DynamoDBClient, table: String, duration: Duration,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.dynamoDB = dynamoDB
        self.table = table
        self.duration = duration
        self.now = now
    }

    /// `duration` in milliseconds.
    public var milliseconds: Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// Takes the lease for `owner`, or renews it when `owner` holds it already.
    /// - Returns: false when another owner holds an unexpired lease.
    public func acquire(_ partition: String, owner: String) throws(AWSError) -> Bool {
        let now = now()
        do throws(AWSError) {
            try dynamoDB.updateItem(
                table: table, key: ["pk": .s("lease#\(partition)")], update: "SET #owner = :me, expiresAt = :until",
                condition: "attribute_not_exists(pk) OR #owner = :me OR expiresAt < :now",
                attributes: ExpressionAttributes(
                    names: ["#owner": "owner"],
                    values: [":me": .s(owner), ":until": .number(now + milliseconds), ":now": .number(now)]))
            return true
        } catch where error.kind == .conditionalCheckFailed {
            return false
        }
    }

    /// Gives the lease up, if `owner` still holds it, so the next owner need not wait for it to expire.
    public func release(_ partition: String, owner: String) throws(AWSError) {
        do throws(AWSError) {
            try dynamoDB.deleteItem(
                table: table, key: ["pk": .s("lease#\(partition)")], condition: "#owner = :me",
                attributes: ExpressionAttributes(names: ["#owner": "owner"], values: [":me": .s(owner)]))
        } catch where error.kind == .conditionalCheckFailed {
            return
        }
    }
}
