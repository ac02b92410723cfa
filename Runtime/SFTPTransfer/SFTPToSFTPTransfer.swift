import AWS
public import SFTP
public import TransferCore

/// SFTP → SFTP in two legs through an S3 staging object: leg one copies the source into
/// `s3://stagingBucket/stagingKey` (`SFTPToS3Transfer`), leg two publishes it on the destination
/// (`S3ToSFTPTransfer`), and the staging object is deleted once the destination has the file.
///
/// Why through S3: a failed second leg (destination down, disk full) is retried from the staging
/// object without pulling from the source partner again. A run finds leg one done when the staging
/// object exists and is as long as its `source-size` metadata says; the key must therefore be
/// unique to the job (e.g. `staging/<job id>`), so an object left by another job is never taken
/// for this one.
public struct SFTPToSFTPTransfer: Sendable {
    public var firstLeg: SFTPToS3Transfer
    public var destination: SSHConfiguration
    public var destinationPath: String
    /// How leg two splits a large file over channels (see `S3ToSFTPTransfer`).
    public var parallelUpload: ParallelUpload

    /// - Parameters:
    ///   - firstLeg: the copy into the staging object, its bucket and key being the staging ones.
    public init(
        firstLeg: SFTPToS3Transfer, destination: SSHConfiguration, destinationPath: String,
        parallelUpload: ParallelUpload = .standard
    ) {
        self.firstLeg = firstLeg
        self.destination = destination
        self.destinationPath = destinationPath
        self.parallelUpload = parallelUpload
    }

    /// Runs what is left of the two legs and returns the published file.
    ///
    /// - Parameters:
    ///   - uploadID: an interrupted first leg's upload, as in `SFTPToS3Transfer.run`.
    ///   - stop: checked before each part of leg one, between the legs and during leg two.
    ///   - onUploadStarted: receives the first leg's upload id for the job record.
    @discardableResult
    public func run(
        resumingUpload uploadID: String? = nil, stop: StopFlag? = nil, onUploadStarted: (String) throws -> Void = { _ in }
    ) throws(TransferError) -> DeliveredFile {
        if try !stagingIsComplete() {
            try firstLeg.run(resumingUpload: uploadID, stop: stop, onUploadStarted: onUploadStarted)
        }
        if let stop, stop.isRequested {
            throw TransferError.stopped("s3://\(firstLeg.bucket)/\(firstLeg.key) is staged; publishing it")
        }
        let secondLeg = S3ToSFTPTransfer(
            s3: firstLeg.s3, bucket: firstLeg.bucket, key: firstLeg.key, destination: destination,
            path: destinationPath, sessions: firstLeg.sessions, parallelUpload: parallelUpload)
        let delivered = try secondLeg.run(stop: stop)
        try? firstLeg.s3.deleteObject(bucket: firstLeg.bucket, key: firstLeg.key)
        return delivered
    }

    /// Whether an earlier run finished leg one: the staging object is there, whole.
    public func stagingIsComplete() throws(TransferError) -> Bool {
        let (s3, bucket, key) = (firstLeg.s3, firstLeg.bucket, firstLeg.key)
        do {
            let head = try s3.headObject(bucket: bucket, key: key)
            return head.metadata["source-size"] == String(head.contentLength)
        } catch {
            guard error.kind == .notFound else { throw TransferError(error, context: "checking s3://\(bucket)/\(key)") }
            return false
        }
    }
}
