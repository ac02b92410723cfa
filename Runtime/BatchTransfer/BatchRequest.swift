/// What a batch execution copies: every object under `sourcePrefix` in `sourceBucket`, to the same
/// relative keys under `destinationPrefix` in `destinationBucket`. The execution's input.
///
/// `mode`, `delete` and `operation_mode` are optional in the input: `sync`, without deletions,
/// server-side with the streamed fallback, unless asked otherwise.
public struct BatchRequest: Codable, Sendable, Hashable {
    /// Which listed objects are copied.
    public enum Mode: String, Codable, Sendable {
        /// Every listed object, whatever the destination holds.
        case copy
        /// Only objects missing at the destination or differing there in size or ETag; the others
        /// are counted as skipped and never reach the manifest.
        case sync
    }

    /// How objects are copied.
    public enum OperationMode: String, Codable, Sendable {
        /// Server-side, falling back per object to streaming when S3 refuses the server-side copy.
        case auto
        /// Server-side only: an object S3 will not copy fails.
        case direct
        /// Always through the function: GET as the source role, PUT as the destination role.
        case streamed
    }

    public var sourceBucket: String
    public var sourcePrefix: String
    public var destinationBucket: String
    public var destinationPrefix: String
    public var mode: Mode
    /// Whether destination objects under the prefix that the source does not have are deleted.
    public var delete: Bool
    public var operationMode: OperationMode

    public init(
        sourceBucket: String, sourcePrefix: String, destinationBucket: String, destinationPrefix: String,
        mode: Mode = .sync, delete: Bool = false, operationMode: OperationMode = .auto
    ) {
        self.sourceBucket = sourceBucket
        self.sourcePrefix = sourcePrefix
        self.destinationBucket = destinationBucket
        self.destinationPrefix = destinationPrefix
        self.mode = mode
        self.delete = delete
        self.operationMode = operationMode
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sourceBucket = try container.decode(String.self, forKey: .sourceBucket)
        sourcePrefix = try container.decode(String.self, forKey: .sourcePrefix)
        destinationBucket = try container.decode(String.self, forKey: .destinationBucket)
        destinationPrefix = try container.decode(String.self, forKey: .destinationPrefix)
        mode = try container.decodeIfPresent(Mode.self, forKey: .mode) ?? .sync
        delete = try container.decodeIfPresent(Bool.self, forKey: .delete) ?? false
        operationMode = try container.decodeIfPresent(OperationMode.self, forKey: .operationMode) ?? .auto
    }

    /// Whether the listing must read the destination too: to find what is there already or what
    /// to delete.
    public var listsDestination: Bool { mode == .sync || delete }

    /// The destination key of `sourceKey`: its part after the source prefix, under the destination prefix.
    public func destinationKey(for sourceKey: String) -> String {
        destinationPrefix + sourceKey.utf8.dropFirst(sourcePrefix.utf8.count).string
    }

    enum CodingKeys: String, CodingKey {
        case sourceBucket = "source_bucket"
        case sourcePrefix = "source_prefix"
        case destinationBucket = "destination_bucket"
        case destinationPrefix = "destination_prefix"
        case mode, delete
        case operationMode = "operation_mode"
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

extension Substring.UTF8View {
    var string: String { String(Substring(self)) }
}
