/// What `ListObjects` answers, and what it is given back on its next invocation while the listing
/// is not `complete`: where the manifest is, what it holds so far, what the listing left out of
/// it, and where to resume.
///
/// The manifest holds only work: objects already at the destination (`sync`) are counted in
/// `skipped` and never written, so the Map never starts a child for them.
public struct ListingSummary: Codable, Sendable, Hashable {
    public var manifestBucket: String
    /// The manifest of objects copied in batches (below the multipart threshold).
    public var manifestKey: String
    /// The manifest of large objects (at and above the multipart threshold), each copied by a
    /// child of its own; nil in a summary from before large objects had one.
    public var largeManifestKey: String?
    /// Entries of both manifests, and their bytes.
    public var count: Int
    public var totalBytes: Int64
    /// Entries of the large objects' manifest; `count - largeCount` are batched.
    public var largeCount: Int
    public var batchedCount: Int { count - largeCount }
    /// Source objects listed, and their bytes.
    public var listed: Int
    public var listedBytes: Int64
    /// Source objects already at the destination with the same size and content.
    public var skipped: Int
    public var skippedBytes: Int64
    /// Destination objects the source does not have, deleted (`delete`).
    public var deleted: Int
    public var deletedBytes: Int64
    /// ListObjects invocations so far.
    public var invocations: Int
    /// Whether the whole source (and, with `delete`, the destination) is listed and the manifest
    /// is complete; while false the state machine invokes ListObjects again with this summary.
    public var complete: Bool
    /// Where the next invocation starts; nil once complete.
    public var resume: ListingResume?

    public init(
        manifestBucket: String, manifestKey: String, largeManifestKey: String? = nil, count: Int, totalBytes: Int64,
        largeCount: Int = 0, listed: Int? = nil,
        listedBytes: Int64? = nil, skipped: Int = 0, skippedBytes: Int64 = 0, deleted: Int = 0, deletedBytes: Int64 = 0,
        invocations: Int = 1, complete: Bool = true, resume: ListingResume? = nil
    ) {
        self.manifestBucket = manifestBucket
        self.manifestKey = manifestKey
        self.largeManifestKey = largeManifestKey
        self.count = count
        self.totalBytes = totalBytes
        self.largeCount = largeCount
        self.listed = listed ?? count
        self.listedBytes = listedBytes ?? totalBytes
        self.skipped = skipped
        self.skippedBytes = skippedBytes
        self.deleted = deleted
        self.deletedBytes = deletedBytes
        self.invocations = invocations
        self.complete = complete
        self.resume = resume
    }

    /// Fields after `total_bytes` may be absent (a summary written by hand, or by an earlier
    /// version): a complete listing of one call whose every object is in the manifest.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        manifestBucket = try container.decode(String.self, forKey: .manifestBucket)
        manifestKey = try container.decode(String.self, forKey: .manifestKey)
        largeManifestKey = try container.decodeIfPresent(String.self, forKey: .largeManifestKey)
        count = try container.decode(Int.self, forKey: .count)
        totalBytes = try container.decode(Int64.self, forKey: .totalBytes)
        largeCount = try container.decodeIfPresent(Int.self, forKey: .largeCount) ?? 0
        listed = try container.decodeIfPresent(Int.self, forKey: .listed) ?? count
        listedBytes = try container.decodeIfPresent(Int64.self, forKey: .listedBytes) ?? totalBytes
        skipped = try container.decodeIfPresent(Int.self, forKey: .skipped) ?? 0
        skippedBytes = try container.decodeIfPresent(Int64.self, forKey: .skippedBytes) ?? 0
        deleted = try container.decodeIfPresent(Int.self, forKey: .deleted) ?? 0
        deletedBytes = try container.decodeIfPresent(Int64.self, forKey: .deletedBytes) ?? 0
        invocations = try container.decodeIfPresent(Int.self, forKey: .invocations) ?? 1
        complete = try container.decodeIfPresent(Bool.self, forKey: .complete) ?? true
        resume = try container.decodeIfPresent(ListingResume.self, forKey: .resume)
    }

    /// Also writes `batched_count`, which the state machine's choices read.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(manifestBucket, forKey: .manifestBucket)
        try container.encode(manifestKey, forKey: .manifestKey)
        try container.encodeIfPresent(largeManifestKey, forKey: .largeManifestKey)
        try container.encode(count, forKey: .count)
        try container.encode(totalBytes, forKey: .totalBytes)
        try container.encode(largeCount, forKey: .largeCount)
        try container.encode(batchedCount, forKey: .batchedCount)
        try container.encode(listed, forKey: .listed)
        try container.encode(listedBytes, forKey: .listedBytes)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(skippedBytes, forKey: .skippedBytes)
        try container.encode(deleted, forKey: .deleted)
        try container.encode(deletedBytes, forKey: .deletedBytes)
        try container.encode(invocations, forKey: .invocations)
        try container.encode(complete, forKey: .complete)
        try container.encodeIfPresent(resume, forKey: .resume)
    }

    enum CodingKeys: String, CodingKey {
        case manifestBucket = "manifest_bucket"
        case manifestKey = "manifest_key"
        case largeManifestKey = "large_manifest_key"
        case count
        case totalBytes = "total_bytes"
        case largeCount = "large_count"
        case batchedCount = "batched_count"
        case listed
        case listedBytes = "listed_bytes"
        case skipped
        case skippedBytes = "skipped_bytes"
        case deleted
        case deletedBytes = "deleted_bytes"
        case invocations, complete, resume
    }
}

/// Where an unfinished listing resumes: after the last source key whose page was completed (or,
/// once the source is exhausted and extras are being deleted, after the last destination key),
/// with the manifest's upload so far.
public struct ListingResume: Codable, Sendable, Hashable {
    /// The last source key listed; nil before the first.
    public var sourceAfter: String?
    /// The source is exhausted; only the destination's remaining extras are left to delete.
    public var sourceDone: Bool
    /// In that phase, the last destination key passed.
    public var destinationAfter: String?
    public var manifest: ManifestWriter.Checkpoint
    /// The large objects' manifest so far.
    public var largeManifest: ManifestWriter.Checkpoint?

    public init(
        sourceAfter: String?, sourceDone: Bool, destinationAfter: String?, manifest: ManifestWriter.Checkpoint,
        largeManifest: ManifestWriter.Checkpoint? = nil
    ) {
        self.sourceAfter = sourceAfter
        self.sourceDone = sourceDone
        self.destinationAfter = destinationAfter
        self.manifest = manifest
        self.largeManifest = largeManifest
    }

    enum CodingKeys: String, CodingKey {
        case sourceAfter = "source_after"
        case sourceDone = "source_done"
        case destinationAfter = "destination_after"
        case manifest
        case largeManifest = "large_manifest"
    }
}
