extension EventWiring {
    /// Announces objects created and removed in `bucket`, a bucket the template does not create
    /// (a customer's), as EventBridge events on the default bus, as S3 sends them for a bucket
    /// with EventBridge notifications on.
    public mutating func sendEventBridgeEvents(of bucket: String) {
        eventBridgeBuckets.insert(bucket)
    }
}
