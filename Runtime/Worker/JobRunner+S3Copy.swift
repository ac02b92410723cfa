import AWS
import Jobs
import TransferCore

extension JobRunner {
    /// Copies an S3 object server-side, in parts pinned to the ETag the source had when the copy
    /// began and recording it as `source-etag`, then checks the destination's size. A destination
    /// that already holds that source version (an attempt killed after its copy, before its
    /// message was deleted) is not written again. A stop (SIGTERM, or the job cancelled) ends the
    /// copy after the parts in flight, with its upload aborted.
    func copy(from source: S3Location, to destination: S3Location, job: TransferJob) throws(TransferError) -> JobReport {
        let target = "s3://\(destination.bucket)/\(destination.key)"
        let description = "job \(job.id): copying s3://\(source.bucket)/\(source.key) to \(target)"
        let (head, copied, eTag): (ObjectHead, ObjectHead, String)
        do {
            head = try s3.headObject(bucket: source.bucket, key: source.key)
            if let existing = try alreadyCopied(head, to: destination) {
                (copied, eTag) = (existing, existing.eTag ?? "")
            } else {
                let result = try s3.copyLargeObject(
                    sourceBucket: source.bucket, sourceKey: source.key, sourceSize: head.contentLength, sourceETag: head.eTag,
                    bucket: destination.bucket, key: destination.key, partSize: max(partSize, 5 * 1024 * 1024),
                    options: PutObjectOptions(metadata: head.eTag.map { [CopyMetadata.sourceETag: $0] } ?? [:]), concurrency: 4,
                    shouldStop: { [stop] in stop.isRequested })
                copied = try s3.headObject(bucket: destination.bucket, key: destination.key)
                eTag = result.eTag
            }
        } catch where error.code == AWSError.stoppedCode {
            throw TransferError.stopped(description)
        } catch {
            throw TransferError(error, context: description)
        }
        guard copied.contentLength == head.contentLength else {
            throw TransferError(
                kind: .transient, message: "\(description): the copy holds \(copied.contentLength) bytes, the source \(head.contentLength)")
        }
        return JobReport(
            jobID: job.id, flow: job.flow, destination: target, size: head.contentLength, checksum: "ETag:\(eTag)",
            uploadID: nil, partsReused: 0)
    }

    /// The destination's head when it already holds the source version `source` describes.
    private func alreadyCopied(_ source: ObjectHead, to destination: S3Location) throws(AWSError) -> ObjectHead? {
        guard let sourceETag = source.eTag else { return nil }
        do {
            let existing = try s3.headObject(bucket: destination.bucket, key: destination.key)
            let same = existing.contentLength == source.contentLength && existing.metadata[CopyMetadata.sourceETag] == sourceETag
            return same ? existing : nil
        } catch where error.kind == .notFound {
            return nil
        }
    }
}
