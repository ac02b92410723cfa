/// One job on the `work.fifo` queue: what to copy from where to where, and how far an earlier
/// attempt got.
///
/// The message body is this value as JSON:
/// ```json
/// {"id": "job-42", "flow": "sftpToS3",
///  "source": {"type": "sftp", "host": "sftp.partner.example", "port": 22, "username": "acme",
///             "path": "/out/big.csv", "hostKeyFingerprint": "SHA256:…", "secretId": "partners/acme"},
///  "destination": {"type": "s3", "bucket": "landing", "key": "acme/big.csv"}}
/// ```
/// `resumeUploadID` is normally absent: the worker records the upload it starts under the job id
/// (`JobCheckpoints`) and a retry finds it there. A producer may set it to point a re-queued job at
/// an upload it knows about.
public struct TransferJob: Sendable, Hashable, Codable {
    public enum Flow: String, Sendable, Hashable, Codable {
        case sftpToS3, s3ToSFTP, sftpToSFTP
        /// A server-side copy too large for a Lambda invocation's 15 minutes.
        case s3ToS3
    }

    public var id: String
    public var flow: Flow
    public var source: TransferEndpoint
    public var destination: TransferEndpoint
    /// A multipart upload an earlier attempt started (SFTP → S3, or SFTP → SFTP's staging leg).
    public var resumeUploadID: String?
    /// The router whose dispatch this message is; the worker runs the job only while it is the
    /// job's dispatcher (absent on a job queued by hand).
    public var dispatcher: String?

    public init(
        id: String, flow: Flow, source: TransferEndpoint, destination: TransferEndpoint, resumeUploadID: String? = nil,
        dispatcher: String? = nil
    ) {
        self.id = id
        self.flow = flow
        self.source = source
        self.destination = destination
        self.resumeUploadID = resumeUploadID
        self.dispatcher = dispatcher
    }
}
