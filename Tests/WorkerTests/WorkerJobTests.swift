import AWS
import Jobs
import Foundation
import MotoPeer
import SSHPeer
import SFTPTransfer
import Testing
import TransferCore
import Worker

extension WorkerSuite {
    @Suite("jobs from the queue")
    struct WorkerJobTests {
        let fixture: WorkerFixture

        init() throws {
            fixture = try WorkerFixture.get()
        }

        func worker(
            queue: String, endpoint: String? = nil, log: LogLines = LogLines(), parallelUpload: ParallelUpload = .standard
        ) -> TransferWorker {
            var settings = fixture.settings(queue: queue)
            settings.channelsPerFile = parallelUpload.channels
            settings.parallelThresholdBytes = parallelUpload.threshold
            return TransferWorker(
                settings: settings, client: fixture.client(endpoint: endpoint), stop: StopFlag(), log: log.append)
        }

        @Test("an SFTP → S3 job is copied byte-identical, verified, and its message deleted")
        func sftpToS3() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let queue = try fixture.createQueue()
                    let bytes = try TestData.writeFile(server.dataDirectory + "/in.bin", count: 3_500_000)
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .sftpToS3,
                        source: TestData.sftp(server.dataDirectory + "/in.bin", on: server, secret: try fixture.storeKey(of: server)),
                        destination: TestData.s3("worker/sftp-to-s3.bin"))
                    try fixture.enqueue(job, on: queue)

                    let event = try #require(try worker(queue: queue).processNext())
                    #expect(event.outcome == .succeeded)
                    #expect(event.report?.size == Int64(bytes.count))
                    #expect(event.report?.checksum?.hasPrefix("CRC32C:") == true)
                    #expect(try fixture.s3.getObject(bucket: WorkerFixture.bucket, key: "worker/sftp-to-s3.bin").body == bytes)
                    #expect(try fixture.messageCounts(queue: queue) == (0, 0))
                    #expect(try fixture.checkpoints.uploadID(forJob: job.id) == nil)
                }
            }
        }

        @Test(
            "S3 → SFTP and SFTP → SFTP jobs publish byte-identical files, verified without logging in again",
            arguments: [TransferJob.Flow.s3ToSFTP, .sftpToSFTP])
        func toSFTP(flow: TransferJob.Flow) async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer(logLevel: "INFO") { server in
                    let queue = try fixture.createQueue()
                    let secret = try fixture.storeKey(of: server)
                    let bytes = TestPattern.bytes(count: 2_300_000)
                    let source: TransferEndpoint
                    if flow == .s3ToSFTP {
                        try fixture.s3.putObject(bucket: WorkerFixture.bucket, key: "worker/outbound.bin", body: .bytes(bytes))
                        source = TestData.s3("worker/outbound.bin")
                    } else {
                        try Data(bytes).write(to: URL(fileURLWithPath: server.dataDirectory + "/source.bin"))
                        source = TestData.sftp(server.dataDirectory + "/source.bin", on: server, secret: secret)
                    }
                    let target = server.dataDirectory + "/delivered/\(flow.rawValue).bin"
                    let job = TransferJob(
                        id: TestData.jobID(), flow: flow, source: source,
                        destination: TestData.sftp(target, on: server, secret: secret))
                    try fixture.enqueue(job, on: queue)

                    let event = try #require(try worker(queue: queue).processNext())
                    #expect(event.outcome == .succeeded, "\(String(describing: event.error))")
                    #expect(event.report?.size == Int64(bytes.count))
                    #expect(try Array(Data(contentsOf: URL(fileURLWithPath: target))) == bytes)
                    #expect(!FileManager.default.fileExists(atPath: target + ".tmp"))
                    #expect(try fixture.messageCounts(queue: queue) == (0, 0))
                    // One login per partner leg: the pull (SFTP → SFTP only) and the push, whose
                    // session also stats the published file.
                    #expect(server.logLines(containing: "Accepted publickey") == (flow == .s3ToSFTP ? 1 : 2))
                }
            }
        }

        @Test(
            "a partner endpoint's channelsPerFile caps the channels a large file is written over, below the worker's setting",
            arguments: [1, 2])
        func partnerChannelLimit(channels: Int) async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer(logLevel: "VERBOSE") { server in
                    let queue = try fixture.createQueue()
                    let bytes = TestPattern.bytes(count: 3_000_000)
                    try fixture.s3.putObject(bucket: WorkerFixture.bucket, key: "worker/limited.bin", body: .bytes(bytes))
                    let target = server.dataDirectory + "/limited-\(channels).bin"
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .s3ToSFTP, source: TestData.s3("worker/limited.bin"),
                        destination: TestData.sftp(target, on: server, secret: try fixture.storeKey(of: server), channelsPerFile: channels))
                    try fixture.enqueue(job, on: queue)

                    let worker = worker(queue: queue, parallelUpload: ParallelUpload(channels: 4, threshold: 1_000_000))
                    let event = try #require(try worker.processNext())
                    #expect(event.outcome == .succeeded, "\(String(describing: event.error))")
                    #expect(try Array(Data(contentsOf: URL(fileURLWithPath: target))) == bytes)
                    // The transfer's own channel and its rename channel, plus one per range when the
                    // file goes over several (ParallelUploadTests counts the same way).
                    #expect(server.logLines(containing: "Starting session: subsystem 'sftp'") == (channels == 1 ? 2 : 2 + channels))
                }
            }
        }

        @Test(
            "a large SFTP → S3 file is read over two channels of one login, or the source endpoint's channelsPerFile if fewer",
            arguments: [nil, 1] as [Int?])
        func sourceChannelLimit(channels: Int?) async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer(logLevel: "VERBOSE") { server in
                    let queue = try fixture.createQueue()
                    let source = server.dataDirectory + "/read-\(channels ?? 0).bin"
                    let bytes = try TestData.writeFile(source, count: 12_000_001)
                    let key = "worker/read-\(channels ?? 0).bin"
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .sftpToS3,
                        source: TestData.sftp(source, on: server, secret: try fixture.storeKey(of: server), channelsPerFile: channels),
                        destination: TestData.s3(key))
                    try fixture.enqueue(job, on: queue)

                    let worker = worker(queue: queue, parallelUpload: ParallelUpload(channels: 3, threshold: 1_000_000))
                    let event = try #require(try worker.processNext())
                    #expect(event.outcome == .succeeded, "\(String(describing: event.error))")
                    #expect(try fixture.s3.getObject(bucket: WorkerFixture.bucket, key: key).body == bytes)
                    #expect(server.logLines(containing: "Accepted publickey") == 1)
                    #expect(server.logLines(containing: "Starting session: subsystem 'sftp'") == (channels ?? 2))
                }
            }
        }

        @Test("a retryable failure leaves the message and records the upload; the retry resumes it")
        func retryResumes() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let queue = try fixture.createQueue()
                    let key = "worker/retried.bin"
                    let bytes = try TestData.writeFile(server.dataDirectory + "/retried.bin", count: 5_000_000)
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .sftpToS3,
                        source: TestData.sftp(
                            server.dataDirectory + "/retried.bin", on: server, secret: try fixture.storeKey(of: server)),
                        destination: TestData.s3(key))
                    try fixture.enqueue(job, on: queue)
                    // S3 throttles every attempt at part 2, more than the client's retries absorb.
                    try FaultProxy.with(
                        upstreamPort: fixture.moto.port, fault: .slowDown, faultCount: 3,
                        spoils: { $0.head.hasPrefix("PUT ") && $0.head.contains("partNumber=2&") }
                    ) { proxy in
                        let log = LogLines()
                        let worker = worker(queue: queue, endpoint: proxy.endpoint, log: log)
                        let failed = try #require(try worker.processNext())
                        #expect(failed.outcome == .failed(.throttling))
                        #expect(log.all.contains { $0.contains(#""event":"job.willRetry""#) && $0.contains(job.id) })
                        #expect(try fixture.messageCounts(queue: queue) == (1, 0), "the message is back in the queue")
                        let uploadID = try #require(try fixture.checkpoints.uploadID(forJob: job.id))
                        let sent = try fixture.s3.listParts(bucket: WorkerFixture.bucket, key: key, uploadID: uploadID)
                        #expect(sent.map(\.partNumber) == [1])

                        let retried = try #require(try worker.processNext())
                        #expect(retried.outcome == .succeeded)
                        #expect(retried.report?.uploadID == uploadID)
                        #expect(retried.report?.partsReused == 1)
                    }
                    #expect(try fixture.s3.getObject(bucket: WorkerFixture.bucket, key: key).body == bytes)
                    #expect(try fixture.messageCounts(queue: queue) == (0, 0))
                    #expect(try fixture.checkpoints.uploadID(forJob: job.id) == nil)
                }
            }
        }

        @Test("an S3 → SFTP job whose partner drops the connection mid-upload over three channels is retried and then published")
        func droppedMidUpload() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let queue = try fixture.createQueue()
                    let bytes = TestPattern.bytes(count: 24_000_000)
                    try fixture.s3.putObject(bucket: WorkerFixture.bucket, key: "worker/dropped.bin", body: .bytes(bytes))
                    let target = server.dataDirectory + "/dropped.bin"
                    try "old".write(toFile: target, atomically: true, encoding: .utf8)
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .s3ToSFTP, source: TestData.s3("worker/dropped.bin"),
                        destination: TestData.sftp(target, on: server, secret: try fixture.storeKey(of: server)))
                    try fixture.enqueue(job, on: queue)
                    let log = LogLines()
                    let worker = worker(queue: queue, log: log, parallelUpload: ParallelUpload(channels: 3, threshold: 1_000_000))

                    let killer = SessionKiller(sshd: server.processID) { $0 > 6_000_000 }
                    let failed = try #require(try worker.processNext())
                    killer.stop()
                    #expect(killer.hasFired)
                    #expect(failed.outcome == .failed(.transient), "\(String(describing: failed.error))")
                    #expect(log.all.contains { $0.contains(#""event":"job.willRetry""#) && $0.contains(job.id) })
                    #expect(try fixture.messageCounts(queue: queue) == (1, 0), "the message is back in the queue")
                    #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")

                    let retried = try #require(try worker.processNext())
                    #expect(retried.outcome == .succeeded, "\(String(describing: retried.error))")
                    #expect(try Array(Data(contentsOf: URL(fileURLWithPath: target))) == bytes)
                    #expect(!FileManager.default.fileExists(atPath: target + ".tmp"))
                    #expect(try fixture.messageCounts(queue: queue) == (0, 0))
                }
            }
        }

        @Test("a non-retryable failure is logged as one JSON line with the job id and reason, and its message deleted")
        func nonRetryable() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let queue = try fixture.createQueue()
                    try TestData.writeFile(server.dataDirectory + "/refused.bin", count: 1_000)
                    let wrongKey = "SHA256:" + String(repeating: "A", count: 43)
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .sftpToS3,
                        source: TestData.sftp(
                            server.dataDirectory + "/refused.bin", on: server, secret: try fixture.storeKey(of: server),
                            fingerprint: wrongKey),
                        destination: TestData.s3("worker/refused.bin"))
                    try fixture.enqueue(job, on: queue)
                    try fixture.sqs.sendMessage(
                        queueURL: queue, SQSOutgoingMessage(body: "not a job", groupID: "partition-1", deduplicationID: "junk"))

                    let log = LogLines()
                    let worker = worker(queue: queue, log: log)
                    let event = try #require(try worker.processNext())
                    #expect(event.outcome == .failed(.nonRetryable))
                    let line = try #require(log.all.first { $0.contains(#""event":"job.failed""#) })
                    let fields = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
                    #expect(fields["jobId"] == job.id)
                    #expect(fields["errorType"] == "NonRetryableError")
                    #expect(fields["reason"]?.contains("host key") == true, "\(line)")

                    let junk = try #require(try worker.processNext())
                    #expect(junk.outcome == .malformed)
                    #expect(try fixture.messageCounts(queue: queue) == (0, 0))
                }
            }
        }
    }
}
