import AWS
import Foundation
import Glibc
import Jobs
import MotoPeer
import SSHPeer
import Testing
import TransferCore
import Worker

extension WorkerSuite {
    /// The built TransferWorker killed outright mid-transfer (out of memory, a lost host): nothing it
    /// did is lost and nothing is done twice. Its message comes back when its visibility timeout
    /// runs out, and the next worker takes the job from where the checkpoint says.
    @Suite("SIGKILL")
    struct SIGKILLTests {
        let fixture: WorkerFixture

        init() throws {
            fixture = try WorkerFixture.get()
        }

        @Test("SFTP → S3: a worker killed mid-upload is followed by one that resumes the upload and writes the object once")
        func resumesUpload() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let queue = try fixture.createQueue()
                    let key = "worker/killed.bin"
                    let path = server.dataDirectory + "/killed.bin"
                    let bytes = try TestData.writeFile(path, count: 48 * 1024 * 1024)
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .sftpToS3,
                        source: TestData.sftp(path, on: server, secret: try fixture.storeKey(of: server)),
                        destination: TestData.s3(key))
                    try fixture.enqueue(job, on: queue)

                    let first = try fixture.startWorker(queue: queue, visibilityTimeoutSeconds: 3)
                    defer { first.kill() }
                    let uploadID = try first.waitFor("a part in S3") { () throws -> String? in
                        guard let upload = try fixture.checkpoints.uploadID(forJob: job.id) else { return nil }
                        return try fixture.s3.listParts(bucket: WorkerFixture.bucket, key: key, uploadID: upload).isEmpty ? nil : upload
                    }
                    first.kill()
                    #expect(first.waitUntilExit() == 128 + SIGKILL)
                    #expect(throws: AWSError.self, "nothing under the object's name yet") {
                        try fixture.s3.headObject(bucket: WorkerFixture.bucket, key: key)
                    }
                    let uploaded = try fixture.s3.listParts(bucket: WorkerFixture.bucket, key: key, uploadID: uploadID).count

                    let second = try fixture.startWorker(queue: queue, visibilityTimeoutSeconds: 3)
                    defer { second.stop() }
                    let log = try second.waitFor("the job to succeed") { () -> String? in
                        second.output.contains(#""event":"job.succeeded""#) ? second.output : nil
                    }
                    let reused = Self.partsReused(in: log)
                    #expect(reused >= uploaded, "the parts the first worker uploaded are kept: \(reused) of \(uploaded)")
                    #expect(try fixture.s3.getObject(bucket: WorkerFixture.bucket, key: key).body == bytes)
                    _ = try second.waitFor("the message to be deleted") { () throws -> Bool? in
                        try fixture.messageCounts(queue: queue) == (0, 0) ? true : nil
                    }
                }
            }
        }

        @Test("S3 → SFTP: a worker killed mid-write leaves no file under the final name; the retry publishes it once, whole")
        func publishesOnce() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let queue = try fixture.createQueue()
                    let bytes = TestPattern.bytes(count: 48 * 1024 * 1024)
                    try fixture.s3.putObject(bucket: WorkerFixture.bucket, key: "worker/push.bin", body: .bytes(bytes))
                    let path = server.dataDirectory + "/pushed.bin"
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .s3ToSFTP, source: TestData.s3("worker/push.bin"),
                        destination: TestData.sftp(path, on: server, secret: try fixture.storeKey(of: server)))
                    try fixture.enqueue(job, on: queue)

                    let first = try fixture.startWorker(queue: queue, visibilityTimeoutSeconds: 3)
                    defer { first.kill() }
                    _ = try first.waitFor("a partial file") { () -> Bool? in
                        let names = (try? FileManager.default.contentsOfDirectory(atPath: server.dataDirectory)) ?? []
                        return names.contains { $0.hasPrefix("pushed.bin") && $0 != "pushed.bin" } ? true : nil
                    }
                    first.kill()
                    #expect(first.waitUntilExit() == 128 + SIGKILL)
                    #expect(!FileManager.default.fileExists(atPath: path), "a killed write never has the final name")

                    let second = try fixture.startWorker(queue: queue, visibilityTimeoutSeconds: 3)
                    defer { second.stop() }
                    _ = try second.waitFor("the job to succeed") { () -> Bool? in
                        second.output.contains(#""event":"job.succeeded""#) ? true : nil
                    }
                    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
                    let left = try FileManager.default.contentsOfDirectory(atPath: server.dataDirectory).filter {
                        $0.hasPrefix("pushed.bin") && $0 != "pushed.bin"
                    }
                    #expect(left.isEmpty, "no partial file is left: \(left)")
                    _ = try second.waitFor("the message to be deleted") { () throws -> Bool? in
                        try fixture.messageCounts(queue: queue) == (0, 0) ? true : nil
                    }
                }
            }
        }

        /// `partsReused` of the `job.succeeded` line.
        static func partsReused(in log: String) -> Int {
            guard let range = log.range(of: #""partsReused":""#) else { return 0 }
            return Int(log[range.upperBound...].prefix { $0.isNumber }) ?? 0
        }
    }
}
