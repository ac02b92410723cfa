/// The metadata a copy records on what it writes.
public enum CopyMetadata {
    /// The source's ETag, on a copy made in parts (whose own ETag is a multipart one), so that a
    /// retried copy can tell the destination already holds that source version.
    public static let sourceETag = "source-etag"
}
