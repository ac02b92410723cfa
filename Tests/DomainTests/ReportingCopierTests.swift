import AWS
import BatchTransfer
import Foundation
import Jobs
import Testing
import TransferCore

/// `TransferObject` copying for a job: a retryable failure leaves the job `RUNNING` for the state
/// machine's next attempt, unless this was the last attempt, when the job ends `FAILED`.
@Suite("TransferObject's job moves")
struct ReportingCopierTests {
    let store = InMemoryObjectStore()
    let jobs = InMemoryJobStore()

    private func queuedJob() throws -> String {
        let lifecycle = JobLifecycle(store: jobs, notifier: nil, actor: "router@us-east-1")
        let job = Job(
            id: "job-1", customer: "acme", sourceEndpoint: "in", destinationEndpoint: "out",
            object: Job.Object(key: "in/a.csv", size: 1 * mib, version: "e"), flow: .s3ToS3, createdAt: lifecycle.timestamp,
            by: "router@us-east-1")
        _ = try lifecycle.create(job)
        try lifecycle.move(job.id, to: .queued)
        return job.id
    }

    /// The state machine's input for the job, at `retryCount` of 6 retries.
    private func item(_ id: String, retryCount: Int) throws -> JobTransferItem {
        let etag = try #require(store.object(bucket: "source", key: "in/a.csv")).eTag.filter { $0 != "\"" }
        let json = """
            {"job_id": "\(id)", "source_bucket": "source", "source_prefix": "in/a.csv", "destination_bucket": "destination",
             "destination_prefix": "out/a.csv", "key": "in/a.csv", "size": \(1 * mib), "etag": "\(etag)",
             "retry_count": \(retryCount), "max_retries": 6}
            """
        return try JSONDecoder().decode(JobTransferItem.self, from: Data(json.utf8))
    }

    private var copier: ReportingCopier {
        ReportingCopier(
            copier: ObjectCopier(stores: RoleStores(own: store, source: store, destination: store), settings: BatchSettings(manifestBucket: "m")),
            jobs: JobLifecycle(store: jobs, notifier: nil, actor: "TransferObject@us-east-1"))
    }

    @Test("a throttled copy before the last attempt leaves the job RUNNING; on the last attempt it ends FAILED")
    func throttledCopy() throws {
        store.put(.pattern("a", size: 1 * mib), bucket: "source", key: "in/a.csv")
        store.fail(with: S3Failure.slowDown) { $0.operation == "CopyObject" }
        let id = try queuedJob()

        let early = #expect(throws: TransferError.self) { try copier.run(try item(id, retryCount: 2)) }
        #expect(early?.kind == .throttling)
        #expect(try jobs.job(id: id)?.state == .running)

        #expect(throws: TransferError.self) { try copier.run(try item(id, retryCount: 6)) }
        let job = try #require(try jobs.job(id: id))
        #expect(job.state == .failed && job.failure?.code == "ThrottlingError" && job.attempts == 2)
        #expect(store.object(bucket: "destination", key: "out/a.csv") == nil)
    }

    @Test("a copy that succeeds on a retry ends SUCCEEDED with the destination's size")
    func succeedsOnRetry() throws {
        store.put(.pattern("a", size: 1 * mib), bucket: "source", key: "in/a.csv")
        store.fail(with: S3Failure.slowDown, times: 1) { $0.operation == "CopyObject" }
        let id = try queuedJob()
        #expect(throws: TransferError.self) { try copier.run(try item(id, retryCount: 0)) }
        let outcome = try copier.run(try item(id, retryCount: 1))
        #expect(outcome.status == .copied)
        let job = try #require(try jobs.job(id: id))
        #expect(job.state == .succeeded && job.bytes == Int64(1 * mib) && job.attempts == 2)
        #expect(job.history.map(\.state) == [.received, .queued, .running, .running, .verifying, .succeeded])
    }
}
