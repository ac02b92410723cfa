/// What a batch execution copies: every object under `sourcePrefix` in `sourceBucket`, to the same
/// relative keys under `destinationPrefix` in `destinationBucket`. The execution's input.
public struct BatchRequest: Codable, Sendable, Hashable {
    public var sourceBucket: String
    public var sourcePrefix: String
    public var destinationBucket: String
    public var destinationPrefix: String

    public init(sourceBucket: String, sourcePrefix: String, destinationBucket: String, destinationPrefix: String) {
        self.sourceBucket = sourceBucket
        self.sourcePrefix = sourcePrefix
        self.destinationBucket = destinationBucket
        self.destinationPrefix = destinationPrefix
    }

    /// The destination key of `sourceKey`: its part after the source prefix, under the destination prefix.
    public func destinationKey(for sourceKey: String) -> String {
        destinationPrefix + sourceKey.utf8.dropFirst(sourcePrefix.utf8.count).string
    }

    enum CodingKeys: String, CodingKey {
        case sourceBucket = "source_bucket"
        case sourcePrefix = "source_prefix"
        case destinationBucket = "destination_bucket"
        case destinationPrefix = "destination_prefix"
    }
}

/// The execution a function works for, as the state machine's first state records it.
public struct ExecutionInfo: Codable, Sendable, Hashable {
    public var name: String
    /// ISO 8601, from `$$.Execution.StartTime`.
    public var startedAt: String

    public init(name: String, startedAt: String) {
        self.name = name
        self.startedAt = startedAt
    }

    enum CodingKeys: String, CodingKey {
        case name
        case startedAt = "started_at"
    }
}

/// What `ListObjects` answers: where the manifest is and what it holds.
public struct ListingSummary: Codable, Sendable, Hashable {
    public var manifestBucket: String
    public var manifestKey: String
    public var count: Int
    public var totalBytes: Int64

    public init(manifestBucket: String, manifestKey: String, count: Int, totalBytes: Int64) {
        self.manifestBucket = manifestBucket
        self.manifestKey = manifestKey
        self.count = count
        self.totalBytes = totalBytes
    }

    enum CodingKeys: String, CodingKey {
        case manifestBucket = "manifest_bucket"
        case manifestKey = "manifest_key"
        case count
        case totalBytes = "total_bytes"
    }
}

extension Substring.UTF8View {
    var string: String { String(Substring(self)) }
}
