import AWS
import Foundation
import Jobs
import MotoPeer
import SSHPeer
import Synchronization
import Testing
import TransferCore
import Worker

extension WorkerSuite {
    /// The worker reports the jobs the Router made in the job table: `RUNNING`, then `VERIFYING`
    /// and `SUCCEEDED` with what it verified, or `FAILED` with the error; a cancelled job is not run.
    @Suite("job records")
    struct JobRecordTests {
        let fixture: WorkerFixture

        init() throws {
            fixture = try WorkerFixture.get()
        }

        private var store: DynamoDBJobStore {
            DynamoDBJobStore(dynamoDB: DynamoDBClient(client: fixture.client()), table: WorkerFixture.table)
        }

        /// A job record as the Router leaves it, in `state`, and its work message on a new queue.
        private func queued(_ source: String, to destination: String, state: JobState) throws -> (TransferJob, String) {
            let router = JobLifecycle(store: store, notifier: nil, actor: "router@us-east-1")
            let record = Job(
                id: TestData.jobID(), customer: "acme", sourceEndpoint: "in", destinationEndpoint: "out",
                object: Job.Object(key: source, size: 1, version: "\"e\""), flow: .s3ToS3, createdAt: router.timestamp, by: "router@us-east-1")
            _ = try router.create(record)
            for next in state == .cancelled ? [JobState.cancelled] : [.queued] { try router.move(record.id, to: next) }
            let job = TransferJob(id: record.id, flow: .s3ToS3, source: TestData.s3(source), destination: TestData.s3(destination))
            let queue = try fixture.createQueue()
            try fixture.enqueue(job, on: queue)
            return (job, queue)
        }

        private func worker(queue: String) -> TransferWorker {
            TransferWorker(settings: fixture.settings(queue: queue), client: fixture.client(), stop: StopFlag(), log: { _ in })
        }

        @Test("a large S3 → S3 job runs on the worker and its record ends SUCCEEDED with the verified size")
        func succeeded() async throws {
            try await offCooperativePool { [fixture] in
                let bytes = TestPattern.bytes(count: 3_000_000)
                try fixture.s3.putObject(bucket: WorkerFixture.bucket, key: "records/big.bin", body: .bytes(bytes))
                let (job, queue) = try queued("records/big.bin", to: "records/big-copy.bin", state: .queued)
                let event = try #require(try worker(queue: queue).processNext())
                #expect(event.outcome == .succeeded, "\(String(describing: event.error))")
                #expect(try fixture.s3.getObject(bucket: WorkerFixture.bucket, key: "records/big-copy.bin").body == bytes)
                let record = try #require(try store.job(id: job.id))
                #expect(record.state == .succeeded && record.bytes == 3_000_000 && record.attempts == 1)
                #expect(record.checksum?.hasPrefix("ETag:") == true)
                #expect(record.history.map(\.state) == [.received, .queued, .running, .verifying, .succeeded])
                #expect(record.history.suffix(3).allSatisfy { $0.by == "worker@us-east-1" })
            }
        }

        @Test("a job cancelled while queued is not run: its message is deleted and nothing is written")
        func cancelled() async throws {
            try await offCooperativePool { [fixture] in
                try fixture.s3.putObject(bucket: WorkerFixture.bucket, key: "records/keep.bin", body: .bytes([1, 2, 3]))
                let (job, queue) = try queued("records/keep.bin", to: "records/never.bin", state: .cancelled)
                let event = try #require(try worker(queue: queue).processNext())
                #expect(event.outcome == .skipped)
                #expect(try fixture.messageCounts(queue: queue) == (0, 0))
                #expect(throws: AWSError.self) { try fixture.s3.headObject(bucket: WorkerFixture.bucket, key: "records/never.bin") }
                #expect(try store.job(id: job.id)?.state == .cancelled)
            }
        }

        @Test("a job that cannot succeed ends FAILED with the error's type and reason")
        func failed() async throws {
            try await offCooperativePool {
                let (job, queue) = try queued("records/missing.bin", to: "records/out.bin", state: .queued)
                let event = try #require(try worker(queue: queue).processNext())
                #expect(event.outcome == .failed(.nonRetryable))
                let record = try #require(try store.job(id: job.id))
                #expect(record.state == .failed && record.failure?.code == "NonRetryableError")
                #expect(record.failure?.message.contains("records/missing.bin") == true)
            }
        }

        @Test("a job cancelled while it runs stops after the part in flight: CANCELLED, upload aborted, nothing under the final name")
        func cancelledWhileRunning() async throws {
            try await offCooperativePool { [fixture, store] in
                try withSSHServer { server in
                    let path = server.dataDirectory + "/cancelled.bin"
                    try TestData.writeFile(path, count: 64 * 1024 * 1024)
                    let key = "records/cancelled.bin"
                    let router = JobLifecycle(store: store, notifier: nil, actor: "router@us-east-1")
                    let record = Job(
                        id: TestData.jobID(), customer: "acme", sourceEndpoint: "partner", destinationEndpoint: "landing",
                        object: Job.Object(key: path, size: 64 * 1024 * 1024, version: "1"), flow: .sftpToS3,
                        createdAt: router.timestamp, by: "router@us-east-1")
                    _ = try router.create(record)
                    try router.move(record.id, to: .queued, dispatcher: "router@us-east-1")
                    let job = TransferJob(
                        id: record.id, flow: .sftpToS3, source: TestData.sftp(path, on: server, secret: try fixture.storeKey(of: server)),
                        destination: TestData.s3(key), dispatcher: "router@us-east-1")
                    let queue = try fixture.createQueue()
                    try fixture.enqueue(job, on: queue)
                    var settings = fixture.settings(queue: queue)
                    settings.cancelCheckSeconds = 0.2
                    let worker = TransferWorker(settings: settings, client: fixture.client(), stop: StopFlag(), log: { _ in })

                    let outcome = Mutex<WorkerEvent?>(nil)
                    let running = Thread { outcome.withLock { $0 = try? worker.processNext() } }
                    running.start()
                    // Waits for a condition, not a time: the first part is in S3, then the customer cancels.
                    var uploadID: String?
                    for _ in 0..<600 where uploadID == nil {
                        Thread.sleep(forTimeInterval: 0.05)
                        if let upload = try fixture.checkpoints.uploadID(forJob: job.id),
                            !(try fixture.s3.listParts(bucket: WorkerFixture.bucket, key: key, uploadID: upload)).isEmpty
                        {
                            uploadID = upload
                        }
                    }
                    let upload = try #require(uploadID)
                    try #require(try JobLifecycle(store: store, notifier: nil, actor: "api").move(job.id, to: .cancelled) != nil)
                    while !running.isFinished { Thread.sleep(forTimeInterval: 0.05) }

                    let event = try #require(outcome.withLock { $0 })
                    #expect(event.outcome == .cancelled)
                    #expect(throws: AWSError.self, "the upload is aborted") {
                        try fixture.s3.listParts(bucket: WorkerFixture.bucket, key: key, uploadID: upload)
                    }
                    #expect(throws: AWSError.self, "nothing under the final name") {
                        try fixture.s3.headObject(bucket: WorkerFixture.bucket, key: key)
                    }
                    #expect(try fixture.messageCounts(queue: queue) == (0, 0))
                    #expect(try fixture.checkpoints.uploadID(forJob: job.id) == nil)
                    #expect(try store.job(id: job.id)?.history.map(\.state) == [.received, .queued, .running, .cancelled])
                }
            }
        }
    }
}
