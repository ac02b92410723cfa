import AWS
import Events
import Foundation
import Jobs
import MotoPeer
import SSHPeer
import Testing
import TransferCore
import Worker

extension WorkerSuite {
    /// A pull schedule's run on the worker, against sshd: the settled files matching the pattern
    /// become jobs for the Router, each file version once.
    @Suite("pull runs")
    struct PullRunTests {
        let fixture: WorkerFixture

        init() throws {
            fixture = try WorkerFixture.get()
        }

        @Test("a run makes one RECEIVED job and one TransferRequested message per settled matching file; the next run takes none again")
        func run() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let directory = server.dataDirectory + "/outgoing"
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    try TestData.writeFile(directory + "/a.csv", count: 1000)
                    try TestData.writeFile(directory + "/b.csv", count: 2000)
                    try TestData.writeFile(directory + "/notes.txt", count: 10)
                    try TestData.writeFile(directory + "/.c.csv", count: 10)
                    let location = SFTPLocation(
                        host: "127.0.0.1", port: server.port, username: server.username, path: directory,
                        hostKeyFingerprint: server.hostKey.fingerprint, secretID: try fixture.storeKey(of: server))
                    let request = PollRequest(
                        scheduleID: "nightly-\(UUID().uuidString.prefix(8))", customer: "acme", sourceEndpoint: "acme-drop", source: location,
                        pattern: "*.csv", destinationEndpoint: "acme-landing", flow: .sftpToS3)
                    let (work, ingest) = (try fixture.createQueue(), try fixture.createQueue())
                    var settings = fixture.settings(queue: work)
                    settings.ingestQueueURL = ingest
                    settings.pullSettleSeconds = 0.5
                    let worker = TransferWorker(settings: settings, client: fixture.client(), stop: StopFlag(), log: { _ in })
                    let body = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
                    let sqs = SQSClient(client: fixture.client())
                    try sqs.sendMessage(queueURL: work, SQSOutgoingMessage(body: body, groupID: "poll", deduplicationID: "run-1"))

                    let event = try #require(try worker.processNext())
                    #expect(event.outcome == .succeeded, "\(String(describing: event.error))")
                    let messages = try sqs.receiveMessages(queueURL: ingest, maxMessages: 10)
                    let ids = try messages.compactMap { message -> String? in
                        guard case .transferRequested(let id) = try IngestMessage(body: message.body) else { return nil }
                        return id
                    }
                    #expect(messages.count == 2 && ids.count == 2)
                    let store = DynamoDBJobStore(dynamoDB: DynamoDBClient(client: fixture.client()), table: WorkerFixture.table)
                    let jobs = try ids.map { try #require(try store.job(id: $0)) }.sorted { $0.object.key < $1.object.key }
                    #expect(jobs.map(\.object.key) == [directory + "/a.csv", directory + "/b.csv"])
                    #expect(jobs.map(\.object.size) == [1000, 2000])
                    #expect(jobs.allSatisfy { $0.state == .received && $0.flow == .sftpToS3 && $0.customer == "acme" })
                    #expect(jobs.allSatisfy { Int64($0.object.version) != nil }, "the version is the file's mtime")
                    #expect(Set(messages.map { $0.attributes["MessageGroupId"] }) == ["acme/acme-drop/acme-landing"])

                    try sqs.sendMessage(queueURL: work, SQSOutgoingMessage(body: body, groupID: "poll", deduplicationID: "run-2"))
                    #expect(try worker.processNext()?.outcome == .succeeded)
                    for message in messages { try sqs.deleteMessage(queueURL: ingest, receiptHandle: message.receiptHandle) }
                    #expect(try sqs.receiveMessages(queueURL: ingest, maxMessages: 10).isEmpty, "each file version is taken once")
                }
            }
        }
        @Test("a run that fails between a file's job and recording it taken loses nothing: the next run finds the same job and takes the file once")
        func failureBetweenJobAndTaken() async throws {
            try await offCooperativePool { [fixture] in
                try withSSHServer { server in
                    let directory = server.dataDirectory + "/outgoing"
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    try TestData.writeFile(directory + "/a.csv", count: 1000)
                    let location = SFTPLocation(
                        host: "127.0.0.1", port: server.port, username: server.username, path: directory,
                        hostKeyFingerprint: server.hostKey.fingerprint, secretID: try fixture.storeKey(of: server))
                    let request = PollRequest(
                        scheduleID: "hourly-\(UUID().uuidString.prefix(8))", customer: "acme", sourceEndpoint: "acme-drop-\(UUID().uuidString.prefix(8))",
                        source: location, pattern: "*.csv", destinationEndpoint: "acme-landing", flow: .sftpToS3)
                    let (work, ingest) = (try fixture.createQueue(), try fixture.createQueue())
                    var settings = fixture.settings(queue: work)
                    settings.ingestQueueURL = ingest
                    settings.pullSettleSeconds = 0.5
                    let body = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
                    let sqs = SQSClient(client: fixture.client())
                    let store = DynamoDBJobStore(dynamoDB: DynamoDBClient(client: fixture.client()), table: WorkerFixture.table)
                    func run(_ number: Int, through proxy: FaultProxy?) throws -> WorkerEvent {
                        let client = fixture.client(endpoint: proxy?.endpoint)
                        let worker = TransferWorker(settings: settings, client: client, stop: StopFlag(), log: { _ in })
                        try sqs.sendMessage(queueURL: work, SQSOutgoingMessage(body: body, groupID: "poll", deduplicationID: "run-\(number)"))
                        return try #require(try worker.processNext())
                    }
                    func requestedJobs() throws -> Set<String> {
                        var ids: Set<String> = []
                        while true {
                            let messages = try sqs.receiveMessages(queueURL: ingest, maxMessages: 10)
                            guard !messages.isEmpty else { return ids }
                            for message in messages {
                                if case .transferRequested(let id) = try IngestMessage(body: message.body) { ids.insert(id) }
                                try sqs.deleteMessage(queueURL: ingest, receiptHandle: message.receiptHandle)
                            }
                        }
                    }
                    func writes(_ prefix: String) -> @Sendable (HTTPWire.Request) -> Bool {
                        { request in
                            request.header("X-Amz-Target")?.hasSuffix(".PutItem") == true
                                && String(decoding: request.raw, as: UTF8.self).contains("\"\(prefix)#")
                        }
                    }

                    // The job's write fails: the file is not taken, and no job is requested.
                    let jobWrites = try FaultProxy(upstreamPort: fixture.account.moto.port, fault: .internalError, faultCount: .max, spoils: writes("job"))
                    let failed = try run(1, through: jobWrites)
                    jobWrites.stop()
                    #expect(failed.outcome != .succeeded && jobWrites.faultsServed > 0)
                    #expect(try requestedJobs().isEmpty)

                    // The job is made and requested, then recording the file taken fails.
                    let takenWrites = try FaultProxy(upstreamPort: fixture.account.moto.port, fault: .internalError, faultCount: .max, spoils: writes("seen"))
                    let interrupted = try run(2, through: takenWrites)
                    takenWrites.stop()
                    #expect(interrupted.outcome != .succeeded && takenWrites.faultsServed > 0)
                    let first = try requestedJobs()
                    #expect(first.count == 1)

                    // The next run finds the same job, requests it again (harmless) and takes the file.
                    #expect(try run(3, through: nil).outcome == .succeeded)
                    let again = try requestedJobs()
                    #expect(again.isSubset(of: first))
                    let id = try #require(first.first)
                    let job = try #require(try store.job(id: id))
                    #expect(job.object.key == directory + "/a.csv" && job.state == .received && job.history.count == 1)

                    // Taken now: a fourth run requests nothing.
                    #expect(try run(4, through: nil).outcome == .succeeded)
                    #expect(try requestedJobs().isEmpty, "the file version is taken once")
                }
            }
        }
    }
}
