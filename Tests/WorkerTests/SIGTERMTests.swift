import AWS
import Jobs
import Foundation
import Glibc
import MotoPeer
import SSHPeer
import Testing
import TransferCore
import Worker

extension WorkerSuite {
    @Suite("SIGTERM")
    struct SIGTERMTests {
        let fixture: WorkerFixture

        init() throws {
            fixture = try WorkerFixture.get()
        }

        @Test("the built TransferWorker sent SIGTERM mid-transfer exits 0, leaving the message and the upload for a retry")
        func stopsCleanly() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let queue = try fixture.createQueue()
                    let key = "worker/interrupted.bin"
                    let path = server.dataDirectory + "/interrupted.bin"
                    let bytes = try TestData.writeFile(path, count: 64 * 1024 * 1024)
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .sftpToS3,
                        source: TestData.sftp(path, on: server, secret: try fixture.storeKey(of: server)),
                        destination: TestData.s3(key))
                    try fixture.enqueue(job, on: queue)

                    let child = try fixture.startWorker(queue: queue, visibilityTimeoutSeconds: 60)
                    defer { child.kill() }
                    // Waits for a condition, not a time: the first part of the upload is in S3.
                    let uploadID = try child.waitFor("a part in S3") { () throws -> String? in
                        guard let upload = try fixture.checkpoints.uploadID(forJob: job.id) else { return nil }
                        let parts = try fixture.s3.listParts(bucket: WorkerFixture.bucket, key: key, uploadID: upload)
                        return parts.isEmpty ? nil : upload
                    }
                    #expect(Glibc.kill(child.processID, SIGTERM) == 0)
                    let status = child.waitUntilExit()
                    let log = child.output
                    #expect(status == 0, "\(log)")
                    #expect(log.contains(#""event":"job.stopped""#), "\(log)")
                    #expect(log.contains(#""event":"worker.stopped""#), "\(log)")
                    #expect(!log.contains(#""event":"job.succeeded""#), "the job stopped before its end: \(log)")

                    #expect(try fixture.messageCounts(queue: queue) == (1, 0), "the message is back in the queue")
                    #expect(try fixture.checkpoints.uploadID(forJob: job.id) == uploadID)
                    let kept = try fixture.s3.listParts(bucket: WorkerFixture.bucket, key: key, uploadID: uploadID)
                    #expect(kept.count < 64, "the transfer stopped part-way")

                    let worker = TransferWorker(
                        settings: fixture.settings(queue: queue), client: fixture.client(), stop: StopFlag(), log: { _ in })
                    let retried = try #require(try worker.processNext())
                    #expect(retried.outcome == .succeeded)
                    #expect(retried.report?.uploadID == uploadID)
                    #expect((retried.report?.partsReused ?? 0) >= kept.count)
                    #expect(try fixture.s3.getObject(bucket: WorkerFixture.bucket, key: key).body == bytes)
                    #expect(try fixture.messageCounts(queue: queue) == (0, 0))
                }
            }
        }
    }
}
