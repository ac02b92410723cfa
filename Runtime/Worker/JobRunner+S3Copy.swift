import AWS
import Jobs
import TransferCore

extension JobRunner {
    /// Copies an S3 object server-side, in parts pinned to the ETag the source had when the copy
    /// began, then checks the destination's size. A stop (SIGTERM, or the job cancelled) ends the
    /// copy after the parts in flight, with its upload aborted.
    func copy(from source: S3Location, to destination: S3Location, job: TransferJob) throws(TransferError) -> JobReport {
        let target = "s3://\(destination.bucket)/\(destination.key)"
        let description = "job \(job.id): copying s3://\(source.bucket)/\(source.key) to \(target)"
        let (head, copied, result): (ObjectHead, ObjectHead, PutObjectResult)
        do {
            head = try s3.headObject(bucket: source.bucket, key: source.key)
            result = try s3.copyLargeObject(
                sourceBucket: source.bucket, sourceKey: source.key, sourceSize: head.contentLength, sourceETag: head.eTag,
                bucket: destination.bucket, key: destination.key, partSize: max(partSize, 5 * 1024 * 1024), concurrency: 4,
                shouldStop: { [stop] in stop.isRequested })
            copied = try s3.headObject(bucket: destination.bucket, key: destination.key)
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
            jobID: job.id, flow: job.flow, destination: target, size: head.contentLength, checksum: "ETag:\(result.eTag)",
            uploadID: nil, partsReused: 0)
    }
}
