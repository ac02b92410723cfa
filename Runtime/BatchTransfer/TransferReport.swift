/// `report.json`: what a batch run did, written beside its manifest.
public struct TransferReport: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        /// Every object is at the destination and matches.
        case succeeded = "SUCCEEDED"
        case failed = "FAILED"
    }

    public var execution: String
    public var status: Status
    public var mode: BatchRequest.Mode
    public var source: String
    public var destination: String
    public var startedAt: String
    public var finishedAt: String
    public var durationSeconds: Double
    public var objects: Counts
    public var bytes: ByteCounts
    /// The copied objects by how they were copied: the bytes S3 copied server-side, and those that
    /// went through our functions.
    public var methods: MethodCounts
    /// ListObjects invocations the listing took.
    public var listingInvocations: Int
    /// Child executions the copy took (one per batch); 0 when there was nothing to copy.
    public var batches: Int
    public var validation: ValidationResult
    /// Every item that failed, with the error the state machine recorded.
    public var failures: [Failure]
    /// Why the transfer step failed as a whole, when it did (more failures than tolerated).
    public var transferError: StateError?

    /// Objects: `listed` at the source; of those `copied`, `skipped` (already at the destination)
    /// and `failed`; and destination objects the source does not have, `deleted`.
    public struct Counts: Codable, Sendable, Hashable {
        public var listed: Int
        public var copied: Int
        public var skipped: Int
        public var failed: Int
        public var deleted: Int

        public init(listed: Int = 0, copied: Int = 0, skipped: Int = 0, failed: Int = 0, deleted: Int = 0) {
            self.listed = listed
            self.copied = copied
            self.skipped = skipped
            self.failed = failed
            self.deleted = deleted
        }
    }

    /// The same objects' bytes.
    public struct ByteCounts: Codable, Sendable, Hashable {
        public var listed: Int64
        public var copied: Int64
        public var skipped: Int64
        public var deleted: Int64

        public init(listed: Int64 = 0, copied: Int64 = 0, skipped: Int64 = 0, deleted: Int64 = 0) {
            self.listed = listed
            self.copied = copied
            self.skipped = skipped
            self.deleted = deleted
        }
    }

    public struct MethodCounts: Codable, Sendable, Hashable {
        /// CopyObject and UploadPartCopy.
        public var serverSide: Tally
        /// GET and PUT (or multipart upload) through `TransferObject`.
        public var streamed: Tally

        public init(serverSide: Tally = Tally(), streamed: Tally = Tally()) {
            self.serverSide = serverSide
            self.streamed = streamed
        }

        enum CodingKeys: String, CodingKey {
            case serverSide = "server_side"
            case streamed
        }
    }

    public struct Tally: Codable, Sendable, Hashable {
        public var objects: Int
        public var bytes: Int64

        public init(objects: Int = 0, bytes: Int64 = 0) {
            self.objects = objects
            self.bytes = bytes
        }
    }

    public struct Failure: Codable, Sendable, Hashable {
        public var key: String
        public var error: String
        public var reason: String
    }

    enum CodingKeys: String, CodingKey {
        case execution, status, mode, source, destination
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case durationSeconds = "duration_seconds"
        case objects, bytes, methods
        case listingInvocations = "listing_invocations"
        case batches, validation, failures
        case transferError = "transfer_error"
    }
}

/// What `GenerateReport` answers: the outcome and where the report is.
public struct ReportSummary: Codable, Sendable, Hashable {
    public var status: TransferReport.Status
    public var reportBucket: String
    public var reportKey: String
    public var objects: TransferReport.Counts

    enum CodingKeys: String, CodingKey {
        case status
        case reportBucket = "report_bucket"
        case reportKey = "report_key"
        case objects
    }
}
