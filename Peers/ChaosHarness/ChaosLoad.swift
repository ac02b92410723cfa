import AWS
import BatchTransfer
import Events
import Foundation
import Jobs
public import MotoPeer
import SSHPeer

/// One run's load, all under one name so that runs do not meet: a batch S3 → S3 execution through
/// the emulator (redriven when it fails), S3 events through the Router (each object created in the
/// customer's landing bucket becomes a job the workers copy to the archive bucket), and SFTP jobs
/// through the workers, pulls and pushes.
public struct ChaosLoad: Sendable {
    public let world: ChaosWorld
    /// What the engine's processes talk to moto through.
    public let proxy: FaultProxy
    public let name: String
    public let objects: Int
    public let events: Int
    public let files: Int

    public init(world: ChaosWorld, proxy: FaultProxy, name: String, objects: Int, events: Int, files: Int) {
        self.world = world
        self.proxy = proxy
        self.name = name
        self.objects = objects
        self.events = events
        self.files = files
    }

    var sourcePrefix: String { "\(name)/objects/" }
    var copyPrefix: String { "\(name)/copies/" }
    var pullDirectory: String { world.server.dataDirectory + "/\(name)-out" }
    var pushDirectory: String { world.server.dataDirectory + "/\(name)-in" }

    static func objectContent(run name: String, _ index: Int) -> [UInt8] {
        Array("\(name) object \(index) ".utf8) + [UInt8](repeating: UInt8(index % 251), count: 200 + (index * 37) % 4_000)
    }

    func fileContent(_ index: Int) -> [UInt8] {
        (0..<(6 * 1024 * 1024 + index * 65_536)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
    }

    var pulls: Range<Int> { 0..<(files / 2) }
    var pushes: Range<Int> { (files / 2)..<files }

    /// The key of the `index`th routed object in the landing bucket, and of its copy in the archive.
    func landingKey(_ index: Int) -> String { "in/\(name)/event-\(index).csv" }
    func archiveKey(_ index: Int) -> String { "out/\(name)/event-\(index).csv" }

    /// Writes the sources: objects in the source bucket and the landing bucket, files on the
    /// partner and objects to push.
    func prepare() throws {
        try FileManager.default.createDirectory(atPath: pullDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: pushDirectory, withIntermediateDirectories: true)
        let (s3, name, prefix) = (world.s3, name, sourcePrefix)
        try ConcurrentWork.forEach(objects) { index in
            try s3.putObject(
                bucket: ChaosWorld.sourceBucket, key: "\(prefix)\(index)", body: .bytes(Self.objectContent(run: name, index)))
        }
        let load = self
        try ConcurrentWork.forEach(events) { index in
            try s3.putObject(
                bucket: ChaosWorld.landingBucket, key: load.landingKey(index), body: .bytes(Self.objectContent(run: "\(name)-event", index)))
        }
        for index in pulls {
            try Data(fileContent(index)).write(to: URL(fileURLWithPath: "\(pullDirectory)/file-\(index).bin"))
        }
        for index in pushes {
            try s3.putObject(bucket: ChaosWorld.sourceBucket, key: "\(name)/push/file-\(index).bin", body: .bytes(fileContent(index)))
        }
    }

    /// Queues the SFTP jobs: pulls to the destination bucket, pushes to the partner.
    func enqueueFiles() throws {
        let sqs = SQSClient(client: world.client)
        for index in 0..<files {
            let partner = SFTPLocation(
                host: "127.0.0.1", port: world.server.port, username: world.server.username,
                path: pulls.contains(index) ? "\(pullDirectory)/file-\(index).bin" : "\(pushDirectory)/file-\(index).bin",
                hostKeyFingerprint: world.server.hostKey.fingerprint, secretID: world.secretID)
            let job =
                pulls.contains(index)
                ? TransferJob(
                    id: "\(name)-pull-\(index)", flow: .sftpToS3, source: .sftp(partner),
                    destination: .s3(S3Location(bucket: ChaosWorld.destinationBucket, key: "\(name)/pulled/file-\(index).bin")))
                : TransferJob(
                    id: "\(name)-push-\(index)", flow: .s3ToSFTP,
                    source: .s3(S3Location(bucket: ChaosWorld.sourceBucket, key: "\(name)/push/file-\(index).bin")),
                    destination: .sftp(partner))
            let body = String(decoding: try JSONEncoder().encode(job), as: UTF8.self)
            _ = try sqs.sendMessage(
                queueURL: ChaosWorld.workQueue, SQSOutgoingMessage(body: body, groupID: job.id, deduplicationID: job.id))
        }
    }

    /// The landing bucket's `Object Created` events as the ingest queue's mapping hands them to the
    /// Router: every object once and a fifth of them twice, shuffled by `seed`, ten to a batch.
    func ingestBatches(seed: UInt64) throws -> [SQSEvent] {
        let s3 = world.s3
        let draws = SeededDraws(seed: seed)
        var records: [SQSEvent.Record] = []
        for index in 0..<events {
            let key = landingKey(index)
            let head = try s3.headObject(bucket: ChaosWorld.landingBucket, key: key)
            let event = S3ObjectCreatedEvent(bucket: ChaosWorld.landingBucket, key: key, size: head.contentLength, etag: head.eTag)
            let body = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
            for _ in 0..<(index % 5 == 2 ? 2 : 1) {
                records.append(SQSEvent.Record(messageId: UUID().uuidString, body: body, attributes: ["MessageGroupId": "landing"]))
            }
        }
        for index in records.indices.reversed() { records.swapAt(index, draws.index(below: index + 1)) }
        return stride(from: 0, to: records.count, by: 10).map { SQSEvent(records: Array(records[$0..<min($0 + 10, records.count)])) }
    }

    /// The job the Router makes for the `index`th routed object.
    func routedJobID(_ index: Int) throws -> String {
        let head = try world.s3.headObject(bucket: ChaosWorld.landingBucket, key: landingKey(index))
        return try JobIdentity.jobID(
            customer: ChaosWorld.customer, sourceEndpoint: ChaosWorld.landingEndpoint, destinationEndpoint: ChaosWorld.archiveEndpoint,
            object: Job.Object(key: landingKey(index), size: head.contentLength, version: head.eTag ?? ""))
    }

    /// Runs the batch execution to its end as an operator would: a failed execution (or one whose
    /// emulator was killed) is redriven once, and when that fails too (a redrive cannot help an
    /// execution whose Map finished with failed items), a new execution in sync mode copies what is
    /// missing; at most four runs. The driver targets each emulator while it runs. Returns the runs
    /// after the first, or nil when none succeeded.
    func runBatch(driver: ChaosDriver?) throws -> Int? {
        let input = world.stateDirectory + "/\(name)-input.json"
        try FileManager.default.createDirectory(atPath: world.stateDirectory, withIntermediateDirectories: true)
        try """
            {"source_bucket":"\(ChaosWorld.sourceBucket)","source_prefix":"\(sourcePrefix)",\
            "destination_bucket":"\(ChaosWorld.destinationBucket)","destination_prefix":"\(copyPrefix)","mode":"sync"}
            """.write(toFile: input, atomically: true, encoding: .utf8)
        let common = ["--time-scale", "0.01", "--state-dir", world.stateDirectory]
        func start(_ execution: String) -> [String] {
            ["start-execution", "TransferStateMachine", "--input", input, "--execution-name", execution] + common
        }
        let runs = [
            (name, start(name)), (name, ["redrive-execution", name] + common), ("\(name)-rerun-1", start("\(name)-rerun-1")),
            ("\(name)-rerun-2", start("\(name)-rerun-2")),
        ]
        for (attempt, (execution, arguments)) in runs.enumerated() {
            let emulator = try ChildProcess(
                executable: ChildProcess.built("emulator"), arguments: world.emulatorArguments(arguments, endpoint: proxy.endpoint),
                environment: world.emulatorEnvironment(endpoint: proxy.endpoint))
            driver?.target(emulator: emulator.processID)
            let status = emulator.waitUntilExit()
            driver?.target(emulator: nil)
            if status == 0 { return attempt }
            FileHandle.standardError.write(Data("chaos: \(execution) ended \(status): \(failures(of: execution))\n".utf8))
        }
        return nil
    }

    /// What the execution's report says failed: the transfer step's error, or the first failed
    /// objects and their errors.
    private func failures(of execution: String) -> String {
        guard let body = try? world.s3.getObject(bucket: "local-manifestbucket", key: ReportGenerator.reportKey(executionName: execution)).body,
            let report = try? JSONDecoder().decode(TransferReport.self, from: Data(body))
        else { return "no report" }
        if let error = report.transferError { return "\(error.error): \((error.cause ?? "").prefix(300))" }
        return report.failures.prefix(3).map { "\($0.key) \($0.error): \($0.reason.prefix(200))" }.joined(separator: "; ")
    }
}
