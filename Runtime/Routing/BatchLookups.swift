import AWS
import Jobs

/// What one batch has looked up already: endpoints by bucket and by id, and the partitions whose
/// lease this router took, so ten events from one bucket cost one query and one lease write, not
/// ten. It lives for one batch only: an endpoint changed or a lease lost is seen by the next.
///
/// A lease taken more than a third of its duration ago is renewed before the next job of its
/// partition (the heartbeat), so a long batch never dispatches under a lease that expired.
final class BatchLookups {
    private let catalog: any EndpointCatalog
    private let leases: PartitionLeases
    private let owner: String
    private var byBucket: [String: [CustomerEndpoint]] = [:]
    private var byID: [String: CustomerEndpoint?] = [:]
    /// When (milliseconds since the epoch) this batch last took or renewed each partition's lease.
    private var leased: [String: Int64] = [:]

    init(catalog: any EndpointCatalog, leases: PartitionLeases, owner: String) {
        self.catalog = catalog
        self.leases = leases
        self.owner = owner
    }

    func endpoints(inBucket bucket: String) throws(AWSError) -> [CustomerEndpoint] {
        if let known = byBucket[bucket] { return known }
        let found = try catalog.endpoints(inBucket: bucket)
        byBucket[bucket] = found
        return found
    }

    func endpoint(id: String) throws(AWSError) -> CustomerEndpoint? {
        if let known = byID[id] { return known }
        let found = try catalog.endpoint(id: id)
        byID[id] = found
        return found
    }

    /// Takes the partition's lease, or renews it when a third of it has passed; false when another
    /// router holds it.
    func lease(_ partition: String) throws(AWSError) -> Bool {
        let now = leases.now()
        if let taken = leased[partition], now - taken < leases.milliseconds / 3 { return true }
        guard try leases.acquire(partition, owner: owner) else {
            leased[partition] = nil
            return false
        }
        leased[partition] = now
        return true
    }
}
