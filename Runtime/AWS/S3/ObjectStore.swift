/// The S3 requests the transfer engine's steps make, as a protocol, so the same step code runs
/// against S3 (`S3Client`, the production conformance) and against an in-memory store in tests.
///
/// Each requirement is one S3 request, with the signature of the `S3Client` method of the same
/// name, and throws the `AWSError` S3Client throws: a store other than S3 reports a failure as S3
/// would (its code, HTTP status and `isRetryable`), and the callers classify it as in production.
/// A store answers above the HTTP layer: `AWSClient`'s retries of throttled and transient
/// requests happen inside `S3Client`, so what another store throws is what a caller sees once
/// those retries are spent.
///
/// What is built from the requests (`copyLargeObject`, `withMultipartUpload`, `getObject` into
/// memory) lives in extensions of this protocol, beside S3Client in this module, so it runs
/// unchanged over every store.
public protocol ObjectStore: Sendable {
    /// HeadObject; with `includingChecksum`, the stored full-object checksum too.
    func headObject(bucket: String, key: String, includingChecksum: Bool) throws(AWSError) -> ObjectHead

    /// One page of ListObjectsV2.
    func listObjectsV2(
        bucket: String, prefix: String?, delimiter: String?, startAfter: String?, continuationToken: String?,
        maxKeys: Int?
    ) throws(AWSError) -> ListObjectsPage

    /// GetObject of the object or `range` (inclusive) into `sink`, failing with 412 unless the
    /// object has the ETag `ifMatch`.
    @discardableResult
    func getObject(
        bucket: String, key: String, range: ClosedRange<Int64>?, ifMatch: String?, into sink: any ByteSink
    ) throws(AWSError) -> ObjectHead

    @discardableResult
    func putObject(bucket: String, key: String, body: RequestBody, options: PutObjectOptions) throws(AWSError)
        -> PutObjectResult

    func deleteObject(bucket: String, key: String) throws(AWSError)

    /// CopyObject: a server-side copy of up to 5 GiB.
    @discardableResult
    func copyObject(
        sourceBucket: String, sourceKey: String, bucket: String, key: String, options: CopyObjectOptions
    ) throws(AWSError) -> PutObjectResult

    /// CreateMultipartUpload; returns the upload id.
    func createMultipartUpload(bucket: String, key: String, options: PutObjectOptions) throws(AWSError) -> String

    func uploadPart(
        bucket: String, key: String, uploadID: String, partNumber: Int, body: RequestBody, checksum: S3Checksum?
    ) throws(AWSError) -> MultipartPart

    /// UploadPartCopy of bytes `range` (inclusive) of the source, failing with 412 unless the
    /// source has the ETag `sourceIfMatch`.
    func uploadPartCopy(
        bucket: String, key: String, uploadID: String, partNumber: Int, sourceBucket: String, sourceKey: String,
        range: ClosedRange<Int64>, sourceIfMatch: String?
    ) throws(AWSError) -> MultipartPart

    /// Every part of the upload; `notFound` once it is completed or aborted.
    func listParts(bucket: String, key: String, uploadID: String) throws(AWSError) -> [MultipartPart]

    @discardableResult
    func completeMultipartUpload(
        bucket: String, key: String, uploadID: String, parts: [MultipartPart], ifNoneMatch: Bool,
        fullObjectChecksum: S3Checksum?
    ) throws(AWSError) -> PutObjectResult

    func abortMultipartUpload(bucket: String, key: String, uploadID: String) throws(AWSError)
}

/// S3 itself: every requirement is the S3Client method of the same name.
extension S3Client: ObjectStore {}
