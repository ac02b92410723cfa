public import AWS
public import SFTP
import HTTPTransport
public import TransferCore

/// SFTP → S3: streams a partner's file into a multipart upload, each part uploaded as soon as it
/// has been read while the next ones are read, with a full-object CRC computed on the way and
/// stored with the object.
///
/// Files of `parallelRead.threshold` or more are read over several SFTP channels of the one
/// connection (one login), each reading its own contiguous run of parts (`PartReader`): one
/// channel carries at most its window per round trip, so at internet distances several go faster.
/// A partner that refuses the extra channels (sshd's `MaxSessions`) is read over those it allows,
/// at least the transfer's own.
///
/// Memory stays bounded whatever the file size: per channel one part buffer being filled, one
/// being uploaded, and libssh2's read-ahead (four times `readSize`). Over several channels parts
/// are at most `parallelPartSize` and the channels share `parallelReadAhead`, so that stays near
/// 32 MiB at `defaultMaximumReadChannels`. Parts are buffered, not streamed, because each
/// carries its own checksum header, which must be known before the part is sent.
///
/// Resume: the upload id is handed to `onUploadStarted` before the first part goes, for the
/// caller's job record; a retry passes it back as `resumingUpload`, and every part S3 lists with
/// the expected size is kept (`MultipartResumePlan`). The kept parts are read again, without being
/// uploaded, for the checksum: S3 reports no per-part CRCs to join, and reading is the cheaper
/// half. A failed run leaves the upload open for that retry; whoever gives up on the job aborts it
/// (and a bucket lifecycle rule for incomplete uploads is the backstop).
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
    /// When to read the file over several channels, and over how many.
    public var parallelRead: ParallelUpload
    /// The most channels one file is read over, whatever `parallelRead` asks: each holds two parts
    /// and its read-ahead.
    public var maximumReadChannels = defaultMaximumReadChannels

    public static let defaultPartSize: Int64 = 8 * 1024 * 1024
    /// Two, so the worker stays well under 64 MiB. Three with one part uploading in all ran
    /// behind one channel at 50 and 100 ms in sftp-bench, as their parts complete together and
    /// wait for each other's uploads; two, each with its own upload in flight, ran ahead of it.
    public static let defaultMaximumReadChannels = 2
    /// The largest part when reading over several channels (S3's minimum, 5 MiB), since each
    /// channel fills one.
    public static let parallelPartSize: Int64 = 5 * 1024 * 1024
    /// libssh2's read-ahead summed over the channels of one file: 1.5 times a single channel's.
    public static let parallelReadAhead = 12 * 1024 * 1024

    public init(
        source: SSHConfiguration, path: String, s3: any ObjectStore, bucket: String, key: String,
        sessions: SFTPSessionLimiter, preferredPartSize: Int64 = defaultPartSize,
        checksumAlgorithm: S3Checksum.Algorithm = .crc32c, metadata: [String: String] = [:],
        parallelRead: ParallelUpload = .standard
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
        self.parallelRead = parallelRead
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
                // The parts of the upload being resumed; nil when none is, or S3 no longer knows it.
                let listed = try uploadID.flatMap { try partsInS3(uploadID: $0) }
                if let uploadID, listed == nil,
                    let stored = try storedEarlier(resuming: uploadID, size: Int64(size), attributes: attributes)
                {
                    return stored
                }
                let channels = min(parallelRead.channels(forSize: Int64(size)), maximumReadChannels)
                let partSize = channels > 1 ? min(preferredPartSize, Self.parallelPartSize) : preferredPartSize
                let ranges = PartRanges(size: Int64(size), preferredPartSize: partSize)
                let (upload, plan) = try prepareUpload(resuming: uploadID, listed: listed, ranges: ranges, attributes: attributes)
                try onUploadStarted(upload)
                let files = try openLanes(in: sftp, upTo: min(channels, ranges.count))
                let reader = try PartReader(
                    files: files, ranges: ranges, algorithm: checksumAlgorithm,
                    readSize: files.count > 1 ? Self.parallelReadAhead / 4 / files.count : SFTPFile.preferredReadSize)
                let (parts, checksum) = try uploadParts(
                    from: reader, keeping: plan, uploadID: upload, stop: stop, description: description)
                for file in files { try file.close() }
                return try complete(
                    uploadID: upload, parts: (plan.keptParts + parts).sorted { $0.partNumber < $1.partNumber },
                    checksum: checksum, size: Int64(size), keptParts: plan.keptParts.count)
            }
        }
    }

    /// The upload to use: the one given when S3 still knows it (`listed`, its parts), else a new one.
    private func prepareUpload(
        resuming uploadID: String?, listed: [MultipartPart]?, ranges: PartRanges, attributes: SFTPAttributes
    ) throws -> (String, MultipartResumePlan) {
        if let uploadID, let listed {
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
    /// completing `uploadID`, before its job was settled), so that it is not written again: asked
    /// only once S3 no longer knows the upload, it is the destination when its `source-size` and
    /// `source-mtime` name the file's size and modification time. Nil otherwise.
    private func storedEarlier(resuming uploadID: String, size: Int64, attributes: SFTPAttributes) throws -> StoredObject? {
        guard let modified = attributes.modificationTime else { return nil }
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

    /// The file opened once per channel: the first on `sftp`'s own, the others each on a new SFTP
    /// channel of the same connection, as many as the server allows up to `count`.
    private func openLanes(in sftp: SFTPSession, upTo count: Int) throws -> [SFTPFile] {
        var files = [try sftp.openFile(path, mode: .read)]
        while files.count < count {
            let channel: SFTPSession
            do {
                channel = try SFTPSession(ssh: sftp.ssh)
            } catch let error as SFTPError where error.code == .channelRefused {
                break
            }
            files.append(try channel.openFile(path, mode: .read))
        }
        return files
    }

    /// Reads every part, uploads those not kept and returns them with the full-object checksum.
    private func uploadParts(
        from reader: PartReader, keeping plan: MultipartResumePlan, uploadID: String, stop: StopFlag?,
        description: String
    ) throws -> ([MultipartPart], S3Checksum) {
        let (s3, bucket, key) = (s3, bucket, key)
        let pipeline = PartUploadPipeline(depth: reader.channels) { partNumber, bytes, checksum in
            try s3.uploadPart(
                bucket: bucket, key: key, uploadID: uploadID, partNumber: partNumber,
                body: .stream(length: Int64(bytes.count), payloadHash: .unsignedPayload) { BytesSource(bytes) },
                checksum: checksum)
        }
        let checksum: S3Checksum
        do {
            checksum = try reader.readAll(keeping: plan, into: pipeline) { index in
                if let stop, stop.isRequested {
                    throw TransferError.stopped("\(description), before part \(index + 1) of \(reader.ranges.count)")
                }
            }
        } catch {
            _ = try? pipeline.finish()
            throw error
        }
        return (try pipeline.finish(), checksum)
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
