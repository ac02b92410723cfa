import AWS
import Jobs
import Foundation
import SFTPTransfer
import Testing
import TransferCore
import Worker

/// The worker's handling of a job when S3 fails or a stop arrives mid-job, over in-memory S3, SQS,
/// secrets and checkpoints.
///
/// Every SFTP flow connects to a partner before its first S3 request except where these tests
/// stop it: an S3 → SFTP job reads the object's HEAD first, an SFTP → SFTP job checks its staged
/// copy first. So these cover what the worker does around a job (classify, settle the message,
/// keep or clear the checkpoint, abandon the upload); the copies themselves need an SSH server
/// and are tested against one in WorkerTests. No connection is made: the partners' hosts are in
/// `.invalid`, which never resolves.
@Suite("the worker over in-memory I/O")
struct WorkerJobTests {
    static let secret = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        never used: no connection is made
        -----END OPENSSH PRIVATE KEY-----

        """
    static let partner = SFTPLocation(
        host: "sftp.partner.invalid", username: "acme", path: "/out/data.csv", hostKeyFingerprint: "SHA256:unused",
        secretID: "partners/acme")
    static let otherPartner = SFTPLocation(
        host: "sftp.other.invalid", username: "globex", path: "/in/data.csv", hostKeyFingerprint: "SHA256:unused",
        secretID: "partners/acme")

    let store = InMemoryObjectStore()
    let queue = InMemoryJobQueue()
    let checkpoints = InMemoryCheckpoints()
    let stop = StopFlag()
    let log = LogLines()

    func worker() -> TransferWorker {
        let settings = WorkerSettings(
            queueURL: "in-memory://work.fifo", checkpointTable: "jobs", stagingBucket: "staging", receiveWaitSeconds: 0,
            retryDelaySeconds: 60)
        let runner = JobRunner(
            s3: store, secrets: InMemorySecrets(strings: ["partners/acme": Self.secret]),
            sessions: SFTPSessionLimiter(sessionsPerEndpoint: 1), checkpoints: checkpoints,
            stagingBucket: settings.stagingBucket, stop: stop)
        return TransferWorker(settings: settings, queue: queue, runner: runner, log: log.append)
    }

    /// Queues `job` as its JSON; returns the message id.
    func enqueue(_ job: TransferJob) throws -> String {
        queue.send(String(decoding: try JSONEncoder().encode(job), as: UTF8.self))
    }

    @Test("an S3 → SFTP job whose S3 read is throttled goes back on the queue after the retry delay")
    func throttledRead() throws {
        store.put(Content(Array("a,b\n1,2\n".utf8)), bucket: "landing", key: "out/data.csv")
        store.fail(with: S3Failure.slowDown) { $0.operation == "HeadObject" }
        let messageID = try enqueue(
            TransferJob(
                id: "job-throttled", flow: .s3ToSFTP, source: .s3(S3Location(bucket: "landing", key: "out/data.csv")),
                destination: .sftp(Self.partner)))

        let event = try #require(try worker().processNext())

        #expect(event.outcome == .failed(.throttling))
        #expect(event.error?.errorType == "ThrottlingError")
        #expect(event.error?.errorMessage.contains("s3://landing/out/data.csv") == true, "\(String(describing: event.error))")
        #expect(queue.settlements == [.visibleAfter(seconds: 60, messageID: messageID)], "kept, not deleted")
        #expect(log.events == ["job.started", "job.willRetry"])
        #expect(store.requests.map(\.operation) == ["HeadObject"])
    }

    @Test("a stop raised while an SFTP → SFTP job checks its staged copy hands the message back at once, keeping the copy and checkpoint")
    func stopBetweenLegs() throws {
        let jobID = "job-staged"
        store.put(
            .pattern("partner file", size: 3_500_000), bucket: "staging", key: "staging/\(jobID)",
            metadata: ["source-size": "3500000"])
        try checkpoints.record(uploadID: "upload-of-leg-one", forJob: jobID)
        let stop = stop
        store.intercept(when: { $0.operation == "HeadObject" && $0.key == "staging/\(jobID)" }) { _ in stop.request() }
        let messageID = try enqueue(
            TransferJob(id: jobID, flow: .sftpToSFTP, source: .sftp(Self.partner), destination: .sftp(Self.otherPartner)))

        let event = try #require(try worker().processNext())

        #expect(event.outcome == .stopped)
        #expect(
            event.error?.errorMessage.contains("s3://staging/staging/\(jobID) is staged") == true,
            "\(String(describing: event.error))")
        #expect(queue.settlements == [.visibleAfter(seconds: 0, messageID: messageID)], "visible again at once")
        #expect(try checkpoints.uploadID(forJob: jobID) == "upload-of-leg-one")
        #expect(store.object(bucket: "staging", key: "staging/\(jobID)") != nil, "the retry publishes it without pulling again")
        #expect(log.events == ["job.started", "job.stopped"])
    }

    @Test("an SFTP → SFTP job refused for good deletes its message, aborts the upload an earlier attempt left and clears its checkpoint")
    func refusedJobAbandoned() throws {
        let jobID = "job-refused"
        let staging = "staging/\(jobID)"
        let uploadID = try store.createMultipartUpload(bucket: "staging", key: staging, options: PutObjectOptions())
        _ = try store.uploadPart(
            bucket: "staging", key: staging, uploadID: uploadID, partNumber: 1, body: .bytes(Array(repeating: 7, count: 1_024)),
            checksum: nil)
        try checkpoints.record(uploadID: uploadID, forJob: jobID)
        store.fail(with: S3Failure.accessDenied) { $0.operation == "HeadObject" }
        let messageID = try enqueue(
            TransferJob(id: jobID, flow: .sftpToSFTP, source: .sftp(Self.partner), destination: .sftp(Self.otherPartner)))

        let event = try #require(try worker().processNext())

        #expect(event.outcome == .failed(.nonRetryable))
        #expect(event.error?.errorMessage.contains("s3://staging/\(staging)") == true, "\(String(describing: event.error))")
        #expect(event.error?.errorMessage.contains("AccessDenied") == true)
        #expect(queue.settlements == [.deleted(messageID: messageID)])
        #expect(try checkpoints.uploadID(forJob: jobID) == nil)
        #expect(store.requests("AbortMultipartUpload").map(\.uploadID) == [uploadID])
        #expect(store.openUploads.isEmpty, "the earlier attempt's parts are no longer billed")
        #expect(store.requests("DeleteObject").map(\.key) == [staging])
        #expect(log.events == ["job.started", "job.failed"])
    }
}
