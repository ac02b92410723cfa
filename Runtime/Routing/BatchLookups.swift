import AWS
import Jobs
import Synchronization

/// What one batch has looked up already: endpoints by bucket and by id, and the partitions whose
/// lease this router took, so ten events from one bucket cost one query and one lease write, not
/// ten. It lives for one batch only: an endpoint changed or a lease lost is seen by the next.
///
/// The batch's lanes share it from their threads; two lanes that miss the same entry at once
/// both look it up, which is harmless.
///
/// A lease taken more than a third of its duration ago is renewed before the next job of its
/// partition (the heartbeat), so a long batch never dispatches under a lease that expired.
final class BatchLookups: Sendable {
    private struct Known {
        var byBucket: [String: [CustomerEndpoint]] = [:]
        var byID: [String: CustomerEndpoint?] = [:]
        /// When (milliseconds since the epoch) this batch last took or renewed each partition's lease.
        var leased: [String: Int64] = [:]
    }

    private let catalog: any EndpointCatalog
    private let leases: PartitionLeases
    private let owner: String
    private let known = Mutex(Known())

    init(catalog: any EndpointCatalog, leases: PartitionLeases, owner: String) {
        self.catalog = catalog
        self.leases = leases
        self.owner = owner
    }

    func endpoints(inBucket bucket: String) throws(AWSError) -> [CustomerEndpoint] {
        if let found = known.withLock({ $0.byBucket[bucket] }) { return found }
        let found = try catalog.endpoints(inBucket: bucket)
        known.withLock { $0.byBucket[bucket] = found }
        return found
    }

    func endpoint(id: String) throws(AWSError) -> CustomerEndpoint? {
        if let found = known.withLock({ $0.byID[id] }) { return found }
        let found = try catalog.endpoint(id: id)
        known.withLock { $0.byID[id] = .some(found) }
        return found
    }

    /// Takes the partition's lease, or renews it when a third of it has passed; false when another
    /// router holds it.
    func lease(_ partition: String) throws(AWSError) -> Bool {
        let now = leases.now()
        if let taken = known.withLock({ $0.leased[partition] }), now - taken < leases.milliseconds / 3 { return true }
        let acquired = try leases.acquire(partition, owner: owner)
        known.withLock { $0.leased[partition] = acquired ? now : nil }
        return acquired
    }
}
