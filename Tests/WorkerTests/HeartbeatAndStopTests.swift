import AWS
import Jobs
import Foundation
import MotoPeer
import SSHPeer
import Synchronization
import Testing
import TransferCore
import Worker

extension WorkerSuite {
    @Suite("heartbeat and stop checkpoints")
    struct HeartbeatAndStopTests {
        let fixture: WorkerFixture

        init() throws {
            fixture = try WorkerFixture.get()
        }

        @Test("the heartbeat keeps a message invisible past its visibility timeout, and stops with the body")
        func heartbeatKeepsMessage() async throws {
            try await offCooperativePool { [fixture] in
                let queue = try fixture.createQueue()
                try fixture.sqs.sendMessage(
                    queueURL: queue, SQSOutgoingMessage(body: "{}", groupID: "partition-1", deduplicationID: "beat"))
                let message = try #require(
                    try fixture.sqs.receiveMessages(queueURL: queue, maxMessages: 1, visibilityTimeout: 3).first)
                let beats = Beats()
                try withVisibilityHeartbeat(
                    sqs: fixture.sqs, queueURL: queue, receiptHandle: message.receiptHandle, timeoutSeconds: 3,
                    onBeat: beats.record
                ) { () throws -> Void in
                    // Four beats, one a second: past the first 3 s timeout, the message is still held.
                    beats.wait(for: 4)
                    #expect(try fixture.messageCounts(queue: queue) == (0, 1))
                }
                #expect(beats.failures == 0)
                let count = beats.count
                try fixture.sqs.changeMessageVisibility(queueURL: queue, receiptHandle: message.receiptHandle, timeoutSeconds: 0)
                #expect(try fixture.messageCounts(queue: queue) == (1, 0))
                #expect(beats.count == count, "no beat after the body returned")
            }
        }

        @Test("a stop raised during an S3 → SFTP copy ends it without a file under either name")
        func stopDuringDownload() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let bytes = TestPattern.bytes(count: 1_500_000)
                    try fixture.s3.putObject(bucket: WorkerFixture.bucket, key: "worker/stopped.bin", body: .bytes(bytes))
                    let target = server.dataDirectory + "/stopped.bin"
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .s3ToSFTP, source: TestData.s3("worker/stopped.bin"),
                        destination: TestData.sftp(target, on: server, secret: try fixture.storeKey(of: server)))
                    let stop = StopFlag()
                    stop.request()
                    let worker = TransferWorker(
                        settings: fixture.settings(queue: "unused"), client: fixture.client(), stop: stop, log: { _ in })
                    let error = #expect(throws: TransferError.self) { try worker.runner.run(job) }
                    #expect(error?.kind == .transient)
                    #expect(error?.errorMessage.contains("shutting down") == true, "\(String(describing: error))")
                    #expect(!FileManager.default.fileExists(atPath: target))
                    #expect(!FileManager.default.fileExists(atPath: target + ".tmp"))
                }
            }
        }
    }
}

/// Counts heartbeats and lets a test wait for the n-th one.
private final class Beats: Sendable {
    private let state = Mutex((count: 0, failures: 0))
    private let beat = DispatchSemaphore(value: 0)

    var count: Int { state.withLock { $0.count } }
    var failures: Int { state.withLock { $0.failures } }

    func record(_ error: AWSError?) {
        state.withLock {
            $0.count += 1
            if error != nil { $0.failures += 1 }
        }
        beat.signal()
    }

    func wait(for beats: Int) {
        for _ in 0..<beats { beat.wait() }
    }
}
