public import AWS
public import SFTP
import HTTPTransport
public import TransferCore

/// SFTP → S3: streams a partner's file into a multipart upload, each part uploaded as soon as it
/// has been read while the next one is read, with a full-object CRC computed on the way and stored
/// with the object.
///
/// Memory stays at two part buffers (`preferredPartSize`, grown only past 10,000 parts) whatever
/// the file size. Parts are buffered, not streamed, because each carries its own checksum header,
/// which must be known before the part is sent.
///
/// Resume: the upload id is handed to `onUploadStarted` before the first part goes, for the
/// caller's job record; a retry passes it back as `resumingUpload`, and the parts S3 lists
/// (`MultipartResumePlan`) are kept. The checksum of the kept prefix is computed again by reading
/// those bytes from the partner without uploading them: S3 reports no per-part CRCs to combine, and
/// reading is the cheaper half. A failed run leaves the upload open for that retry; whoever gives
/// up on the job aborts it (and a bucket lifecycle rule for incomplete uploads is the backstop).
public struct SFTPToS3Transfer: Sendable {
    public var source: SSHConfiguration
    public var path: String
    public var s3: any ObjectStore
    public var bucket: String
    public var key: String
    public var sessions: SFTPSessionLimiter
    /// At least S3's 5 MiB except against servers configured lower (moto's
    /// `S3_UPLOAD_PART_MIN_SIZE`); grown so the file fits in 10,000 parts.
    public var preferredPartSize: Int64
    /// CRC32C or CRC32: S3 keeps a full-object checksum of a multipart upload only for CRCs.
    public var checksumAlgorithm: S3Checksum.Algorithm
    /// Stored with the object as `x-amz-meta-*`, beside `source-size` and `source-mtime`.
    public var metadata: [String: String]

    public static let defaultPartSize: Int64 = 8 * 1024 * 1024

    public init(
        source: SSHConfiguration, path: String, s3: any ObjectStore, bucket: String, key: String,
        sessions: SFTPSessionLimiter, preferredPartSize: Int64 = defaultPartSize,
        checksumAlgorithm: S3Checksum.Algorithm = .crc32c, metadata: [String: String] = [:]
    ) {
        self.source = source
        self.path = path
        self.s3 = s3
        self.bucket = bucket
        self.key = key
        self.sessions = sessions
        self.preferredPartSize = preferredPartSize
        self.checksumAlgorithm = checksumAlgorithm
        self.metadata = metadata
    }

    /// Copies the file and checks the stored object's size and checksum against what was read.
    ///
    /// - Parameters:
    ///   - uploadID: the upload an earlier, interrupted run started; nil to start afresh (also
    ///     used when S3 no longer knows the upload).
    ///   - stop: checked before each part; once raised, the parts in flight are finished and the run
    ///     throws `TransferError.stopped`, leaving the upload for `resumingUpload`.
    ///   - onUploadStarted: receives the upload id before any part is sent.
    @discardableResult
    public func run(
        resumingUpload uploadID: String? = nil, stop: StopFlag? = nil, onUploadStarted: (String) throws -> Void = { _ in }
    ) throws(TransferError) -> StoredObject {
        let description = "copying \(source.username)@\(source.host):\(path) to s3://\(bucket)/\(key)"
        return try TransferError.context(description) {
            try sessions.withSession(source) { sftp in
                let attributes = try sftp.stat(path)
                guard let size = attributes.size else {
                    throw TransferError.nonRetryable("\(description): the server reports no size for \(path)")
                }
                if let uploadID, let stored = try storedEarlier(resuming: uploadID, size: Int64(size), attributes: attributes) {
                    return stored
                }
                let ranges = PartRanges(size: Int64(size), preferredPartSize: preferredPartSize)
                let (upload, plan) = try prepareUpload(resuming: uploadID, ranges: ranges, attributes: attributes)
                try onUploadStarted(upload)
                return try sftp.withFile(path, mode: .read) { file in
                    let reader = try PartReader(file: file, ranges: ranges, algorithm: checksumAlgorithm)
                    try reader.checksumKeptPrefix(upTo: plan.resumeOffset(in: ranges))
                    let parts = try uploadRemainingParts(
                        of: reader, from: plan.nextPartIndex, uploadID: upload, stop: stop, description: description)
                    return try complete(
                        uploadID: upload, parts: plan.keptParts + parts, checksum: reader.finalize(), size: Int64(size),
                        keptParts: plan.keptParts.count)
                }
            }
        }
    }

    /// The upload to use: the one given when S3 still knows it, else a new one.
    private func prepareUpload(
        resuming uploadID: String?, ranges: PartRanges, attributes: SFTPAttributes
    ) throws -> (String, MultipartResumePlan) {
        if let uploadID, let listed = try partsInS3(uploadID: uploadID) {
            return (uploadID, MultipartResumePlan(listed: listed, ranges: ranges))
        }
        var metadata = self.metadata
        metadata["source-size"] = String(ranges.size)
        if let modified = attributes.modificationTime { metadata["source-mtime"] = String(modified) }
        let options = PutObjectOptions(
            metadata: metadata, checksum: S3Checksum(algorithm: checksumAlgorithm, base64Value: ""),
            checksumType: .fullObject)
        let created = try s3.createMultipartUpload(bucket: bucket, key: key, options: options)
        return (created, MultipartResumePlan(listed: [], ranges: ranges))
    }

    /// The object an earlier run completed from this version of the file (an attempt killed after
    /// completing `uploadID`, before its job was settled), so that it is not written again: S3 no
    /// longer knows the upload, and the destination's `source-size` and `source-mtime` name the
    /// file's size and modification time. Nil otherwise.
    private func storedEarlier(resuming uploadID: String, size: Int64, attributes: SFTPAttributes) throws -> StoredObject? {
        guard let modified = attributes.modificationTime, try partsInS3(uploadID: uploadID) == nil else { return nil }
        let head: ObjectHead
        do {
            head = try s3.headObject(bucket: bucket, key: key, includingChecksum: true)
        } catch {
            guard error.kind == .notFound else { throw error }
            return nil
        }
        guard head.contentLength == size, head.metadata["source-size"] == String(size), head.metadata["source-mtime"] == String(modified),
            let checksum = head.checksum
        else { return nil }
        return StoredObject(
            bucket: bucket, key: key, size: size, eTag: head.eTag ?? "", checksum: checksum, uploadID: uploadID, partsReused: 0)
    }

    /// The parts of `uploadID`, or nil when S3 no longer knows the upload (completed or aborted).
    private func partsInS3(uploadID: String) throws -> [MultipartPart]? {
        do {
            return try s3.listParts(bucket: bucket, key: key, uploadID: uploadID)
        } catch {
            guard error.kind == .notFound else { throw error }
            return nil
        }
    }

    private func uploadRemainingParts(
        of reader: PartReader, from first: Int, uploadID: String, stop: StopFlag?, description: String
    ) throws -> [MultipartPart] {
        let (s3, bucket, key) = (s3, bucket, key)
        let algorithm = checksumAlgorithm
        let pipeline = PartUploadPipeline { partNumber, bytes in
            let partChecksum = ObjectChecksum(algorithm)
            try partChecksum?.update(bytes)
            return try s3.uploadPart(
                bucket: bucket, key: key, uploadID: uploadID, partNumber: partNumber,
                body: .stream(length: Int64(bytes.count), payloadHash: .unsignedPayload) { BytesSource(bytes) },
                checksum: try partChecksum?.finalize())
        }
        do {
            for index in first..<reader.ranges.endIndex {
                if let stop, stop.isRequested {
                    _ = try pipeline.finish()
                    throw TransferError.stopped("\(description), before part \(index + 1) of \(reader.ranges.count)")
                }
                try pipeline.submit(partNumber: index + 1) { part in try reader.readPart(index, into: &part) }
            }
        } catch {
            _ = try? pipeline.finish()
            throw error
        }
        return try pipeline.finish()
    }

    private func complete(
        uploadID: String, parts: [MultipartPart], checksum: S3Checksum, size: Int64, keptParts: Int
    ) throws -> StoredObject {
        let result = try s3.completeMultipartUpload(
            bucket: bucket, key: key, uploadID: uploadID, parts: parts, ifNoneMatch: false, fullObjectChecksum: checksum)
        let head = try s3.headObject(bucket: bucket, key: key, includingChecksum: true)
        guard head.contentLength == size else {
            throw TransferError(
                kind: .transient, message: "s3://\(bucket)/\(key) holds \(head.contentLength) bytes, the source \(size)")
        }
        if let stored = head.checksum, stored != checksum {
            throw TransferError(
                kind: .transient,
                message: "s3://\(bucket)/\(key) has \(stored.algorithm.rawValue) \(stored.base64Value), "
                    + "the bytes read \(checksum.base64Value)")
        }
        return StoredObject(
            bucket: bucket, key: key, size: size, eTag: result.eTag, checksum: checksum, uploadID: uploadID,
            partsReused: keptParts)
    }
}

/// An object written to S3 by an SFTP → S3 transfer.
public struct StoredObject: Sendable, Hashable {
    public var bucket: String
    public var key: String
    public var size: Int64
    public var eTag: String
    /// The full-object checksum computed while reading, which S3 confirmed.
    public var checksum: S3Checksum
    public var uploadID: String
    /// Parts an earlier run had uploaded and this one kept.
    public var partsReused: Int
}
