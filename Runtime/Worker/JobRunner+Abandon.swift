import AWS
import Jobs

extension JobRunner {
    /// Cleans up after a job given up for good: aborts the multipart upload it recorded (its parts
    /// cost storage until then) and deletes an SFTP → SFTP job's staging object. Best effort: a
    /// bucket lifecycle rule for incomplete uploads is the backstop.
    func abandon(_ job: TransferJob) {
        let staging = stagingLocation(of: job)
        let uploadTarget: S3Location? = switch (job.flow, job.destination) {
        case (.sftpToS3, .s3(let destination)): destination
        case (.sftpToSFTP, _): staging
        default: nil
        }
        if let uploadTarget, let uploadID = (try? checkpoints.uploadID(forJob: job.id)) ?? job.resumeUploadID {
            try? s3.abortMultipartUpload(bucket: uploadTarget.bucket, key: uploadTarget.key, uploadID: uploadID)
        }
        if job.flow == .sftpToSFTP { try? s3.deleteObject(bucket: staging.bucket, key: staging.key) }
    }
}
