public import Jobs

/// What a finished, verified job produced.
public struct JobReport: Sendable, Hashable {
    public var jobID: String
    public var flow: TransferJob.Flow
    /// The destination, as `TransferEndpoint.description` names it.
    public var destination: String
    public var size: Int64
    /// The full-object checksum S3 confirmed (`algorithm:base64`), for S3 destinations.
    public var checksum: String?
    /// The multipart upload used, for SFTP → S3.
    public var uploadID: String?
    /// Parts an earlier attempt had uploaded and this one kept.
    public var partsReused: Int

    public init(
        jobID: String, flow: TransferJob.Flow, destination: String, size: Int64, checksum: String? = nil,
        uploadID: String? = nil, partsReused: Int = 0
    ) {
        self.jobID = jobID
        self.flow = flow
        self.destination = destination
        self.size = size
        self.checksum = checksum
        self.uploadID = uploadID
        self.partsReused = partsReused
    }
}
