import AWS
import Jobs
import MotoPeer
import Synchronization
import Testing

/// Partition leases on moto's DynamoDB: one owner at a time, renewed by its owner, taken over only
/// once expired, and released only by whoever holds it.
@Suite("Partition leases")
struct PartitionLeaseTests {
    let fixture: JobFixture

    init() throws {
        fixture = try JobFixture.get()
    }

    @Test("one owner at a time; a lease that expired is taken over; a late release does not free the new owner's")
    func ownership() throws {
        let clock = Mutex<Int64>(1_000_000)
        let leases = PartitionLeases(
            dynamoDB: DynamoDBClient(client: fixture.account.client()), table: JobFixture.table, duration: .seconds(30),
            now: { clock.withLock { $0 } })
        let partition = "acme/in/out-\(UInt32.random(in: 0...UInt32.max))"
        #expect(try leases.acquire(partition, owner: "router@us-east-1"))
        #expect(try !leases.acquire(partition, owner: "router@eu-west-1"))
        clock.withLock { $0 += 20_000 }
        #expect(try leases.acquire(partition, owner: "router@us-east-1"), "the owner renews")
        clock.withLock { $0 += 20_000 }
        #expect(try !leases.acquire(partition, owner: "router@eu-west-1"), "renewed 20 s ago: still held")
        clock.withLock { $0 += 11_000 }
        #expect(try leases.acquire(partition, owner: "router@eu-west-1"), "expired: taken over")
        try leases.release(partition, owner: "router@us-east-1")
        #expect(try !leases.acquire(partition, owner: "router@us-east-1"), "the late release left the new owner's lease")
        try leases.release(partition, owner: "router@eu-west-1")
        #expect(try leases.acquire(partition, owner: "router@us-east-1"), "released by its owner: free at once")
    }
}
