import AWS
import Jobs

/// What one batch has looked up already: endpoints by bucket and by id, and the partitions whose
/// lease this router took, so ten events from one bucket cost one query and one lease write, not
/// ten. It lives for one batch only: an endpoint changed or a lease lost is seen by the next.
final class BatchLookups {
    private let catalog: any EndpointCatalog
    private let leases: PartitionLeases
    private let owner: String
    private var byBucket: [String: [CustomerEndpoint]] = [:]
    private var byID: [String: CustomerEndpoint?] = [:]
    private var leased: Set<String> = []

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

    /// Takes (or renews) the partition's lease once per batch; false when another router holds it.
    func lease(_ partition: String) throws(AWSError) -> Bool {
        if leased.contains(partition) { return true }
        guard try leases.acquire(partition, owner: owner) else { return false }
        leased.insert(partition)
        return true
    }
}
