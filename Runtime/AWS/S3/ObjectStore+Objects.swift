extension ObjectStore {
    /// HeadObject without the stored checksum.
    public func headObject(bucket: String, key: String) throws(AWSError) -> ObjectHead {
        try headObject(bucket: bucket, key: key, includingChecksum: false)
    }

    /// The object (or `range`) in memory; for small objects.
    public func getObject(
        bucket: String, key: String, range: ClosedRange<Int64>? = nil
    ) throws(AWSError) -> (head: ObjectHead, body: [UInt8]) {
        let sink = CollectingSink()
        let head = try getObject(bucket: bucket, key: key, range: range, ifMatch: nil, into: sink)
        return (head, sink.bytes)
    }
}
