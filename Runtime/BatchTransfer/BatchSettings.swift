#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import TransferCore

/// The batch workflow's configuration, from the function's environment (set by the template).
///
/// Role ARNs are optional: without one a function works with its own credentials, which is how a
/// single-account setup runs. Sizes are settings so tests can drive the multipart path with small
/// objects.
public struct BatchSettings: Sendable, Hashable {
    /// Where manifests, per-item results and reports are written.
    public var manifestBucket: String
    public var sourceRole: RoleReference?
    /// The source's own S3 endpoint (another S3-compatible server) and region (another partition),
    /// when it is not where the function's other clients go. S3 cannot copy server-side between
    /// endpoints, so with one set `auto` streams every object.
    public var sourceEndpointURL: String?
    public var sourceRegion: String?
    public var destinationRole: RoleReference?
    /// SSE-KMS key for every object written at the destination; the bucket's default otherwise.
    public var destinationKMSKeyID: String?
    public var reportTopicARN: String?
    /// Objects of this size and above are copied with multipart `UploadPartCopy`.
    public var multipartThreshold: Int64
    public var partSize: Int64
    /// Parts copied at once for one object.
    public var partConcurrency: Int
    /// Part size of streamed copies; memory holds one part per object being streamed.
    public var streamPartSize: Int64
    /// Objects of one batch copied at once by `TransferObject`.
    public var itemConcurrency: Int
    /// Of those, objects streamed at once: memory holds at most this many parts of `streamPartSize`.
    public var streamConcurrency: Int
    /// How long a batch that may have run before waits before it looks at the destination: an
    /// attempt killed mid-copy (out of memory, a timeout) may still have copies on their way to
    /// S3, which land meanwhile and are then skipped rather than written a second time.
    public var retrySettleSeconds: Double
    /// How long one `ListObjects` invocation lists before it hands back a resume point (it always
    /// finishes the page it is on; 0 lists one page per invocation).
    public var listingBudgetSeconds: Int64

    public static let defaultMultipartThreshold: Int64 = 5 * 1024 * 1024 * 1024
    public static let defaultPartSize: Int64 = 100 * 1024 * 1024
    public static let defaultPartConcurrency = 8
    public static let defaultItemConcurrency = 100
    public static let defaultStreamConcurrency = 4
    public static let defaultStreamPartSize: Int64 = 8 * 1024 * 1024
    public static let defaultListingBudgetSeconds: Int64 = 600
    public static let defaultRetrySettleSeconds: Double = 3

    public init(
        manifestBucket: String, sourceRole: RoleReference? = nil, sourceEndpointURL: String? = nil,
        sourceRegion: String? = nil, destinationRole: RoleReference? = nil,
        destinationKMSKeyID: String? = nil, reportTopicARN: String? = nil,
        multipartThreshold: Int64 = defaultMultipartThreshold, partSize: Int64 = defaultPartSize,
        partConcurrency: Int = defaultPartConcurrency, streamPartSize: Int64 = defaultStreamPartSize,
        itemConcurrency: Int = defaultItemConcurrency, streamConcurrency: Int = defaultStreamConcurrency,
        listingBudgetSeconds: Int64 = defaultListingBudgetSeconds, retrySettleSeconds: Double = defaultRetrySettleSeconds
    ) {
        self.manifestBucket = manifestBucket
        self.sourceRole = sourceRole
        self.sourceEndpointURL = sourceEndpointURL
        self.sourceRegion = sourceRegion
        self.destinationRole = destinationRole
        self.destinationKMSKeyID = destinationKMSKeyID
        self.reportTopicARN = reportTopicARN
        self.multipartThreshold = multipartThreshold
        self.partSize = partSize
        self.partConcurrency = partConcurrency
        self.streamPartSize = streamPartSize
        self.itemConcurrency = itemConcurrency
        self.streamConcurrency = streamConcurrency
        self.listingBudgetSeconds = listingBudgetSeconds
        self.retrySettleSeconds = retrySettleSeconds
    }

    /// Reads `MANIFEST_BUCKET`, `SOURCE_ROLE_ARN` / `SOURCE_EXTERNAL_ID`, `SOURCE_ENDPOINT_URL` /
    /// `SOURCE_REGION`, `DESTINATION_ROLE_ARN` /
    /// `DESTINATION_EXTERNAL_ID`, `DESTINATION_KMS_KEY_ID`, `REPORT_TOPIC_ARN`,
    /// `MULTIPART_THRESHOLD_BYTES`, `MULTIPART_PART_SIZE_BYTES`, `MULTIPART_CONCURRENCY`,
    /// `STREAM_PART_SIZE_BYTES`, `BATCH_ITEM_CONCURRENCY`, `STREAM_CONCURRENCY`, `LISTING_BUDGET_SECONDS`
    /// and `RETRY_SETTLE_SECONDS`.
    /// Empty values count as unset.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SettingsError) -> BatchSettings {
        let settings = SettingsEnvironment(environment)
        let value = settings.value
        func number(_ name: String, default fallback: Int64) throws(SettingsError) -> Int64 {
            try settings.number(name, default: fallback, in: 1...Int64.max)
        }
        let bucket = try settings.required("MANIFEST_BUCKET", missing: "is not set; the template names the manifest bucket")
        let partSize = try number("MULTIPART_PART_SIZE_BYTES", default: defaultPartSize)
        return BatchSettings(
            manifestBucket: bucket,
            sourceRole: value("SOURCE_ROLE_ARN").map { RoleReference(arn: $0, externalID: value("SOURCE_EXTERNAL_ID")) },
            sourceEndpointURL: value("SOURCE_ENDPOINT_URL"), sourceRegion: value("SOURCE_REGION"),
            destinationRole: value("DESTINATION_ROLE_ARN").map {
                RoleReference(arn: $0, externalID: value("DESTINATION_EXTERNAL_ID"))
            },
            destinationKMSKeyID: value("DESTINATION_KMS_KEY_ID"), reportTopicARN: value("REPORT_TOPIC_ARN"),
            multipartThreshold: try number("MULTIPART_THRESHOLD_BYTES", default: defaultMultipartThreshold),
            partSize: partSize,
            partConcurrency: Int(try number("MULTIPART_CONCURRENCY", default: Int64(defaultPartConcurrency))),
            streamPartSize: try number("STREAM_PART_SIZE_BYTES", default: defaultStreamPartSize),
            itemConcurrency: Int(try settings.number("BATCH_ITEM_CONCURRENCY", default: Int64(defaultItemConcurrency), in: 1...256)),
            streamConcurrency: Int(try settings.number("STREAM_CONCURRENCY", default: Int64(defaultStreamConcurrency), in: 1...64)),
            listingBudgetSeconds: try settings.number(
                "LISTING_BUDGET_SECONDS", default: defaultListingBudgetSeconds, in: 0...Int64.max),
            retrySettleSeconds: Double(try settings.number("RETRY_SETTLE_SECONDS", default: Int64(defaultRetrySettleSeconds), in: 0...60)))
    }
}

extension BatchSettings {
    /// Whether the source has an endpoint or region of its own, which S3 cannot copy from.
    public var sourceIsElsewhere: Bool { sourceEndpointURL != nil || sourceRegion != nil }
}

/// A role to assume, with the ExternalId its trust policy may require.
public struct RoleReference: Sendable, Hashable {
    public var arn: String
    public var externalID: String?

    public init(arn: String, externalID: String? = nil) {
        self.arn = arn
        self.externalID = externalID
    }
}
