import AWS
import Jobs
import SFTP
import TransferCore
import SFTPTransfer

extension JobRunner {
    /// Reads the object back from S3 (a fresh HEAD, not the flow's own answer) and checks its size
    /// and full-object checksum against what the flow read from the source.
    func verify(_ stored: StoredObject, job: TransferJob) throws(TransferError) -> JobReport {
        let location = "s3://\(stored.bucket)/\(stored.key)"
        let head: ObjectHead
        do {
            head = try s3.headObject(bucket: stored.bucket, key: stored.key, includingChecksum: true)
        } catch {
            throw TransferError(error, context: "job \(job.id): verifying \(location)")
        }
        guard head.contentLength == stored.size, head.checksum == stored.checksum else {
            throw TransferError(
                kind: .transient,
                message: "job \(job.id): \(location) holds \(head.contentLength) bytes with checksum "
                    + "\(head.checksum?.base64Value ?? "none"), the source \(stored.size) bytes with "
                    + "\(stored.checksum.base64Value)")
        }
        return JobReport(
            jobID: job.id, flow: job.flow, destination: location, size: stored.size,
            checksum: "\(stored.checksum.algorithm.rawValue):\(stored.checksum.base64Value)",
            uploadID: stored.uploadID, partsReused: stored.partsReused)
    }

    /// Checks that the published file is as long as the S3 object was, from the stat of its final
    /// name the transfer made after the rename over its own session (`DeliveredFile.publishedSize`):
    /// the server answers that stat from the file itself whatever session asks, so a second login
    /// (several round trips, and a slot of the partner's session limit) would learn nothing more.
    func verify(_ delivered: DeliveredFile, at destination: SSHConfiguration, job: TransferJob) throws(TransferError)
        -> JobReport
    {
        let location = "\(destination.username)@\(destination.host):\(destination.port)\(delivered.path)"
        guard delivered.publishedSize == UInt64(delivered.size) else {
            throw TransferError(
                kind: .transient,
                message: "job \(job.id): \(location) holds \(delivered.publishedSize.map(String.init) ?? "an unknown number of") bytes, "
                    + "the source \(delivered.size)")
        }
        return JobReport(jobID: job.id, flow: job.flow, destination: location, size: delivered.size)
    }
}
