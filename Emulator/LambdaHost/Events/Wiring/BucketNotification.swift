/// One notification of a bucket: which events, which keys, and where they go.
public struct BucketNotification: Sendable, Hashable {
    public let bucket: String
    /// S3's event names: `s3:ObjectCreated:*`, `s3:ObjectCreated:Put`, `s3:ObjectRemoved:*`, …
    public let events: [String]
    public let prefix: String?
    public let suffix: String?
    public let destination: TargetDestination
    /// The notification's id, as records carry it in `s3.configurationId`.
    public let configurationID: String

    /// Whether an event of this name (`ObjectCreated:Put`) on this key is announced.
    public func announces(eventName: String, key: String) -> Bool {
        let accepted = events.contains { pattern in
            let name = pattern.hasPrefix("s3:") ? String(pattern.dropFirst(3)) : pattern
            if name.hasSuffix(":*") { return eventName.hasPrefix(name.dropLast()) }
            return name == eventName
        }
        return accepted && key.hasPrefix(prefix ?? "") && key.hasSuffix(suffix ?? "")
    }
}
