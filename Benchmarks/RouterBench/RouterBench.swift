import AWS
import ArgumentParser
import Events
import Foundation
import Glibc
import Jobs
import MotoPeer

/// `router-bench`: the product's event path on moto, as a user runs it: `emulator start` on
/// template.yaml, S3 Object Created events sent to `ingest.fifo` as the EventBridge rule sends them
/// (one message group), the built `Router` making and queueing the jobs. Event → job `QUEUED`
/// latency (p50, p99) one event at a time, then jobs per second through the Router for a burst.
@main
struct RouterBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "router-bench",
        abstract: "Measures event → job QUEUED latency and jobs per second through the Router, on moto under emulator start.")

    @Option(help: "Events sent one at a time, each waited for, for the latency figures.")
    var single = 40

    @Option(help: "Events sent at once for the throughput figure.")
    var burst = 300

    @Option(help: "The folder of the release build (emulator and Router).")
    var buildDir: String

    /// Each object goes to this many partners: one job per partner.
    static let partners = 2

    func run() throws {
        let account = try MotoAccount(
            userName: "router-bench", policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        defer { account.stop() }
        let emulator = try startEmulator(buildDir: buildDir, account: account)
        defer { emulator.stop() }
        let client = account.client(retryPolicy: .standard)
        let catalog = DynamoDBEndpointCatalog(dynamoDB: DynamoDBClient(client: client), table: "EndpointTable")
        let partners = (0..<Self.partners).map { "partner-\($0)" }
        for partner in partners {
            let location = SFTPLocation(host: "\(partner).example", username: "bench", path: "/in", hostKeyFingerprint: "SHA256:x", secretID: "bench")
            try catalog.put(CustomerEndpoint(id: partner, customer: "bench", location: .sftp(location)))
        }
        try catalog.put(CustomerEndpoint(id: "drop", customer: "bench", location: .s3(bucket: "bench-drop", prefix: "in/"), pushTo: partners))
        let sender = EventSender(client: client, partners: partners)
        print("router-bench: emulator start on template.yaml over moto (IAM-checked); the release Router; \(Self.partners) jobs per event")

        var latencies: [Double] = []
        for index in 0..<single {
            let sent = try sender.send(index: index)
            let queued = try sender.waitUntilQueued(sender.jobIDs(index: index), seconds: 60)
            latencies.append(queued.map { $0.timeIntervalSince(sent) * 1000 }.max() ?? 0)
        }
        latencies.sort()
        let p50 = latencies[latencies.count / 2]
        let p99 = latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        print("event → jobs QUEUED (one at a time)  p50 \(String(format: "%.0f", p50)) ms   p99 \(String(format: "%.0f", p99)) ms   (\(single) events)")

        let first = single
        var start: Date?
        for index in first..<(first + burst) {
            let sent = try sender.send(index: index)
            if start == nil { start = sent }
        }
        let ids = (first..<(first + burst)).flatMap { sender.jobIDs(index: $0) }
        let queued = try sender.waitUntilQueued(ids, seconds: 600)
        let elapsed = (queued.max() ?? Date()).timeIntervalSince(start ?? Date())
        let perEvent = queued.count / Self.partners
        print("ingest.fifo → Router → jobs QUEUED   \(String(format: "%.0f", Double(queued.count) / elapsed)) jobs/s   "
            + "(\(burst) events sent at once, \(perEvent * Self.partners) jobs, \(String(format: "%.1f", elapsed)) s, one message group, BatchSize 10)")
    }
}

/// Sends the benchmark's events to `ingest.fifo` and watches their jobs.
struct EventSender {
    let client: AWSClient
    let partners: [String]
    static let queueURL = "https://sqs.us-east-1.amazonaws.com/123456789012/local-ingest.fifo"

    private func object(_ index: Int) -> Job.Object {
        Job.Object(key: "in/object-\(index).csv", size: 1024, version: "\"etag-\(index)\"")
    }

    /// Sends the event of object `index`; the moment it was sent.
    func send(index: Int) throws -> Date {
        let object = object(index)
        let event = S3ObjectCreatedEvent(bucket: "bench-drop", key: object.key, size: object.size, etag: object.version)
        let body = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
        let sent = Date()
        try SQSClient(client: client).sendMessage(queueURL: Self.queueURL, SQSOutgoingMessage(body: body, groupID: "objects"))
        return sent
    }

    func jobIDs(index: Int) -> [String] {
        partners.compactMap { try? JobIdentity.jobID(customer: "bench", sourceEndpoint: "drop", destinationEndpoint: $0, object: object(index)) }
    }

    /// Waits until every job is QUEUED (or past it); the moment each was queued, by its history.
    func waitUntilQueued(_ ids: [String], seconds: Double) throws -> [Date] {
        let store = DynamoDBJobStore(dynamoDB: DynamoDBClient(client: client), table: "JobTable")
        let deadline = Date().addingTimeInterval(seconds)
        var queued: [String: Date] = [:]
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        while queued.count < ids.count {
            guard Date() < deadline else { throw ValidationError("only \(queued.count) of \(ids.count) jobs QUEUED within \(Int(seconds)) s") }
            for id in ids where queued[id] == nil {
                if let at = try store.job(id: id)?.history.first(where: { $0.state == .queued })?.at, let date = format.date(from: at) {
                    queued[id] = date
                }
            }
            if queued.count < ids.count { usleep(5_000) }
        }
        return ids.compactMap { queued[$0] }
    }
}

/// `emulator start` on template.yaml against moto, once its EventBridge API listens.
func startEmulator(buildDir: String, account: MotoAccount) throws -> ChildProcess {
    var environment = ProcessInfo.processInfo.environment.merging(account.processEnvironment) { $1 }
    environment["AWS_SESSION_TOKEN"] = nil
    let emulator = try ChildProcess(
        executable: buildDir + "/emulator",
        arguments: [
            "start", "--template", ProjectFiles.template, "--build-dir", buildDir, "--endpoint-url", account.endpoint, "--port", "0",
            "--events-port", "0",
        ],
        environment: environment)
    do {
        _ = try emulator.waitFor("emulator start to come up") { emulator.output.contains("EventBridge API on") ? true : nil }
    } catch {
        emulator.stop()
        throw error
    }
    return emulator
}
