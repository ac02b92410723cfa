import AWS
import Jobs
import Foundation
import Glibc
import MotoPeer
import SSHPeer
import Testing
import Worker

extension WorkerSuite {
    /// The emulator running the template's TransferWorker task beside the functions, against moto
    /// and a real sshd.
    @Suite("emulator run-task")
    struct RunTaskTests {
        let fixture: WorkerFixture

        init() throws {
            fixture = try WorkerFixture.get()
        }

        func emulator(_ arguments: [String]) throws -> ChildProcess {
            try ChildProcess(
                executable: ChildProcess.built("emulator"),
                arguments: arguments + ["--template", ProjectFiles.template, "--endpoint-url", fixture.moto.endpoint],
                environment: fixture.processEnvironment)
        }

        @Test("after up, the template's worker takes a job from the template's queue, and SIGTERM stops the task cleanly")
        func runsTheTemplatesWorker() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let up = try emulator(["up"])
                    #expect(up.waitUntilExit() == 0, "\(up.output)")
                    let queue = try fixture.queueURL(named: "local-work.fifo")
                    let redrive = try fixture.queueAttribute("RedrivePolicy", of: queue)
                    #expect(redrive?.contains("local-work-dlq.fifo") == true, "up wires the dead-letter queue: \(String(describing: redrive))")
                    let bytes = try TestData.writeFile(server.dataDirectory + "/report.csv", count: 300_000)
                    let key = "run-task/report-\(UUID().uuidString.prefix(8)).csv"
                    let job = TransferJob(
                        id: TestData.jobID(), flow: .sftpToS3,
                        source: TestData.sftp(server.dataDirectory + "/report.csv", on: server, secret: try fixture.storeKey(of: server)),
                        destination: TestData.s3(key))
                    try fixture.enqueue(job, on: queue)

                    let task = try emulator(["run-task", "TransferWorkerTask", "--parameter-overrides", "WorkerReceiveWaitSeconds=1"])
                    defer { task.stop() }
                    _ = try task.waitFor("the object in S3") { () throws -> Bool? in
                        (try? fixture.s3.headObject(bucket: WorkerFixture.bucket, key: key)) == nil ? nil : true
                    }
                    _ = try task.waitFor("the message deleted") { () throws -> Bool? in
                        try fixture.messageCounts(queue: queue) == (0, 0) ? true : nil
                    }
                    #expect(Glibc.kill(task.processID, SIGTERM) == 0)
                    let status = task.waitUntilExit()
                    let output = task.output
                    #expect(status == 0, "\(output)")
                    #expect(output.contains("emulator: task TransferWorkerTask running: TransferWorker (pid "), "\(output)")
                    #expect(output.contains(#"[TransferWorker] {"#) && output.contains(#""event":"job.succeeded""#), "\(output)")
                    #expect(output.contains(#""event":"worker.stopped""#), "the worker was asked to stop, not killed: \(output)")
                    #expect(output.contains("emulator: TransferWorker: exit status 0"), "\(output)")
                    #expect(try fixture.s3.getObject(bucket: WorkerFixture.bucket, key: key).body == bytes)
                }
            }
        }

        @Test("a task whose container cannot start is refused with exit 2 and the build command to run")
        func unknownContainer() async throws {
            try await offCooperativePool {
                let missing = try emulator(["run-task", "TransferWorkerTask", "--build-dir", NSTemporaryDirectory()])
                #expect(missing.waitUntilExit() == 2)
                #expect(missing.output.contains("swift build --product TransferWorker"), "\(missing.output)")
                let unknown = try emulator(["run-task", "NoSuchTask"])
                #expect(unknown.waitUntilExit() == 2)
                #expect(unknown.output.contains("no task definition NoSuchTask"), "\(unknown.output)")
            }
        }
    }
}
