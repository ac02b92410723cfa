public import AWS

/// The object stores a batch step reads and writes through, one for each role it works as.
///
/// In a function each is S3 signed as that role (`init(clients:)`); a step touches objects only
/// through these, so the same step runs against an in-memory store in tests.
public struct RoleStores: Sendable {
    /// As the function itself: manifests, item results and reports.
    public var own: any ObjectStore
    /// As the source reader role.
    public var source: any ObjectStore
    /// As the destination writer role.
    public var destination: any ObjectStore

    public init(own: any ObjectStore, source: any ObjectStore, destination: any ObjectStore) {
        self.own = own
        self.source = source
        self.destination = destination
    }

    /// S3 as each role of `clients`.
    public init(clients: RoleClients) {
        self.init(
            own: S3Client(client: clients.own), source: S3Client(client: clients.source),
            destination: S3Client(client: clients.destination))
    }
}
