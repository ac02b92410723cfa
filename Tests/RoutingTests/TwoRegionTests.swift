import AWS
import BatchTransfer
import ChaosHarness
import Events
import Foundation
import Jobs
import MotoPeer
import Synchronization
import Testing

/// The engine active-active in two regions, as processes: each region's `Router` is the built
/// binary under its own `emulator start-lambda` with its own `AWS_REGION`, its own queues and state
/// machine (`emulator up` in each region), and the job and endpoint tables shared as a global
/// table would share them (`GlobalTableRelay`). Both routers get the whole stream of S3 events,
/// duplicated and reordered; one is SIGKILLed mid-batch.
@Suite("Two regions' Router processes")
struct TwoRegionTests {
    static let home = "us-east-1"
    static let (victim, survivor) = ("us-east-1", "eu-west-1")
    static let customers = 4
    static let objects = 100
    static let leaseSeconds = 3

    @Test("one stream with duplicates and reordering, one region's Router killed mid-batch: every job dispatched and run once, the survivor takes over")
    func oneRegionKilled() async throws {
        try await offCooperativePool {
            let account = try MotoAccount(
                userName: "two-regions",
                policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
            defer { account.stop() }
            try Self.story(account)
        }
    }

    private static func story(_ account: MotoAccount) throws {
        var environment = ProcessInfo.processInfo.environment.merging(account.processEnvironment) { $1 }
        environment["AWS_SESSION_TOKEN"] = nil
        let parameters = ["PartitionLeaseSeconds=\(leaseSeconds)"]
        for region in [victim, survivor] {
            let up = try CommandRun.run(
                BuildProducts.directory + "/emulator",
                ["up", "--template", ProjectFiles.template, "--build-dir", BuildProducts.directory, "--endpoint-url", account.endpoint,
                 "--region", region, "--parameter-overrides"] + parameters,
                environment: environment)
            try #require(up.status == 0, "\(up.stdout)\(up.stderr)")
        }
        let world = try TwoRegionWorld(account)
        let relay = try GlobalTableRelay(upstreamPort: account.moto.port, homeRegion: home, credentials: account.credentials)
        defer { relay.stop() }
        let dying = try RegionHost(region: victim, account: account, environment: [:], parameters: parameters)
        defer { dying.stop() }
        let living = try RegionHost(
            region: survivor, account: account, environment: ["AWS_ENDPOINT_URL_DYNAMODB": relay.endpoint], parameters: parameters)
        defer { living.stop() }

        let batches = try world.stream()
        let (dead, alive) = (dying.router, living.router)
        let diedMidBatch = Mutex(false)
        // The victim routes three batches alone, so it holds the partitions; then the survivor starts,
        // and the victim's fourth batch is cut once the victim has queued one of its objects' jobs.
        let aloneDone = DispatchSemaphore(value: 0)
        let earlier = Set(batches.prefix(3).flatMap(\.records).map(\.body))
        let watched = try batches[3].records.filter { !earlier.contains($0.body) }.flatMap { try world.jobIDs(of: $0) }
        let store = world.store
        let victimThread = Thread {
            for batch in batches.prefix(3) { _ = dead.route(batch) }
            aloneDone.signal()
            let answered = Mutex(false)
            let invocation = Thread { answered.withLock { $0 = dead.route(batches[3]) != nil } }
            invocation.start()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, !invocation.isFinished,
                !watched.contains(where: { (try? store.job(id: $0))??.dispatcher == "Router@\(victim)" })
            {
                Thread.sleep(forTimeInterval: 0.005)
            }
            dead.killRouter()
            while !invocation.isFinished { Thread.sleep(forTimeInterval: 0.05) }
            diedMidBatch.withLock { $0 = !answered.withLock { $0 } }
        }
        victimThread.start()
        aloneDone.wait()
        var pending = batches
        var heldBack = 0
        let deadline = Date().addingTimeInterval(120)
        while !pending.isEmpty, Date() < deadline {
            pending = pending.compactMap { batch in
                let failed = Set((alive.route(batch)?.batchItemFailures ?? batch.records.map { .init(itemIdentifier: $0.messageId) }).map(\.itemIdentifier))
                heldBack += failed.count
                let left = batch.records.filter { failed.contains($0.messageId) }
                return left.isEmpty ? nil : SQSEvent(records: left)
            }
            if !pending.isEmpty { Thread.sleep(forTimeInterval: 1) }
        }
        while !victimThread.isFinished { Thread.sleep(forTimeInterval: 0.05) }

        #expect(diedMidBatch.withLock { $0 }, "the victim's Router was killed while it routed a batch")
        #expect(pending.isEmpty, "the survivor routed every event: \(living.log.suffix(2000))")
        #expect(heldBack > 0, "the survivor found partitions leased by the victim and waited for them")

        // Every job once, in order, dispatched by one of the two routers; the survivor holds every lease at the end.
        let owners = ["Router@\(victim)", "Router@\(survivor)"]
        var jobs: [String: Job] = [:]
        for id in try world.jobIDs() {
            let job = try #require(try world.store.job(id: id), "job \(id)")
            #expect(job.history.map(\.state) == [.received, .queued], "job \(id): \(job.history)")
            #expect(job.dispatched && owners.contains(job.dispatcher ?? ""), "job \(id) dispatched by \(job.dispatcher ?? "none")")
            jobs[id] = job
        }
        #expect(jobs.values.contains { $0.dispatcher == owners[0] }, "the victim dispatched jobs before it died")
        for partition in Set(jobs.values.map(\.partition)) {
            let lease = try DynamoDBClient(client: world.client(home)).getItem(table: "JobTable", key: ["pk": .s("lease#\(partition)")])
            #expect(lease?["owner"]?.stringValue == owners[1], "partition \(partition) taken over by the survivor")
        }

        // The dispatches in both regions: exactly one per job carries the job's dispatcher; the
        // executors run those and refuse the rest.
        let executions = try [victim, survivor].flatMap { try world.executionInputs(in: $0) }
        let messages = try [victim, survivor].flatMap { try world.workMessages(in: $0) }
        var copied = 0
        for input in executions {
            let item = try JSONDecoder().decode(JobTransferItem.self, from: Data(input.utf8))
            if try world.copier().run(item).status == .copied { copied += 1 }
        }
        #expect(copied == objects, "one copy per object: \(executions.count) executions started")
        let worker = JobLifecycle(store: world.store, notifier: nil, actor: "worker@\(home)")
        var started: [String: Int] = [:]
        for message in messages {
            let job = try JSONDecoder().decode(TransferJob.self, from: Data(message.utf8))
            if try worker.begin(job.id, dispatcher: job.dispatcher) { started[job.id, default: 0] += 1 }
        }
        #expect(started.count == objects && started.values.allSatisfy { $0 == 1 }, "one worker run per object: \(messages.count) messages sent")
        for job in jobs.values {
            let states = try #require(try world.store.job(id: job.id)).history.map(\.state)
            let expected: [JobState] = job.flow == .s3ToS3 ? [.received, .queued, .running, .verifying, .succeeded] : [.received, .queued, .running]
            #expect(states == expected, "job \(job.id)")
        }
        #expect(try world.archivedCount() == objects)
    }
}

/// The test's customers, buckets, objects and events, and its views of both regions.
struct TwoRegionWorld {
    let account: MotoAccount
    let landing = "two-regions-landing"
    let archive = "two-regions-archive"
    private(set) var etags: [String: String] = [:]

    init(_ account: MotoAccount) throws {
        self.account = account
        try account.createBucket(landing)
        try account.createBucket(archive)
        // `emulator up` makes no state machine in moto (the emulator runs its own); each region's
        // Router starts its executions on moto's, named as the template names it.
        for region in [TwoRegionTests.victim, TwoRegionTests.survivor] {
            struct Input: Encodable {
                var name = "JobStateMachine"
                var definition = #"{"StartAt": "Copy", "States": {"Copy": {"Type": "Pass", "End": true}}}"#
                var roleArn = "arn:aws:iam::123456789012:role/job-state-machine"
            }
            struct Output: Decodable { var stateMachineArn: String }
            _ = try AWSClient(
                region: region, credentials: StaticCredentialProvider(account.credentials),
                endpoints: EndpointResolver(allServices: account.endpoint)
            ).json(.stepFunctions, "CreateStateMachine", Input(), as: Output.self)
        }
        let s3 = S3Client(client: account.client())
        for index in 0..<TwoRegionTests.objects {
            let key = Self.key(index)
            etags[key] = try s3.putObject(bucket: landing, key: key, body: .bytes(Array("object \(index)\n".utf8))).eTag
        }
        let catalog = DynamoDBEndpointCatalog(dynamoDB: DynamoDBClient(client: account.client()), table: "EndpointTable")
        for customer in 0..<TwoRegionTests.customers {
            let partner = SFTPLocation(
                host: "sftp.partner\(customer).example", username: "c\(customer)", path: "/in", hostKeyFingerprint: "SHA256:abc",
                secretID: "partners/c\(customer)")
            try catalog.put(CustomerEndpoint(id: "partner-\(customer)", customer: "c\(customer)", location: .sftp(partner)))
            try catalog.put(CustomerEndpoint(id: "archive-\(customer)", customer: "c\(customer)", location: .s3(bucket: archive, prefix: "c\(customer)/")))
            try catalog.put(
                CustomerEndpoint(
                    id: "landing-\(customer)", customer: "c\(customer)", location: .s3(bucket: landing, prefix: "c\(customer)/"),
                    pushTo: ["archive-\(customer)", "partner-\(customer)"]))
        }
    }

    static func key(_ index: Int) -> String { "c\(index % TwoRegionTests.customers)/object-\(index).csv" }

    /// Every object's event once, a tenth of them twice, shuffled, in batches of ten.
    func stream() throws -> [SQSEvent] {
        func record(_ index: Int) throws -> SQSEvent.Record {
            let key = Self.key(index)
            let event = S3ObjectCreatedEvent(bucket: landing, key: key, size: Int64("object \(index)\n".utf8.count), etag: etags[key])
            return SQSEvent.Record(
                messageId: UUID().uuidString, body: String(decoding: try JSONEncoder().encode(event), as: UTF8.self),
                attributes: ["MessageGroupId": "objects"])
        }
        var records = try (0..<TwoRegionTests.objects).map(record)
        records += try (0..<TwoRegionTests.objects).filter { $0 % 10 == 3 }.map(record)
        records.shuffle()
        return stride(from: 0, to: records.count, by: 10).map { SQSEvent(records: Array(records[$0..<min($0 + 10, records.count)])) }
    }

    /// Both jobs of the object an event names.
    func jobIDs(of record: SQSEvent.Record) throws -> [String] {
        let event = try JSONDecoder().decode(S3ObjectCreatedEvent.self, from: Data(record.body.utf8))
        let key = event.detail.object.key
        let customer = try #require(key.split(separator: "/").first.map { String($0.dropFirst()) })
        let object = Job.Object(key: key, size: event.detail.object.size, version: event.detail.object.etag ?? "")
        return try ["archive-\(customer)", "partner-\(customer)"].map {
            try JobIdentity.jobID(customer: "c\(customer)", sourceEndpoint: "landing-\(customer)", destinationEndpoint: $0, object: object)
        }
    }

    /// Both jobs of every object.
    func jobIDs() throws -> [String] {
        try (0..<TwoRegionTests.objects).flatMap { index in
            let key = Self.key(index)
            let customer = index % TwoRegionTests.customers
            let object = Job.Object(key: key, size: Int64("object \(index)\n".utf8.count), version: etags[key] ?? "")
            return try ["archive-\(customer)", "partner-\(customer)"].map {
                try JobIdentity.jobID(customer: "c\(customer)", sourceEndpoint: "landing-\(customer)", destinationEndpoint: $0, object: object)
            }
        }
    }

    func client(_ region: String) -> AWSClient {
        AWSClient(
            region: region, credentials: StaticCredentialProvider(account.credentials),
            endpoints: EndpointResolver(allServices: account.endpoint))
    }

    var store: DynamoDBJobStore { DynamoDBJobStore(dynamoDB: DynamoDBClient(client: client(TwoRegionTests.home)), table: "JobTable") }

    func copier() -> ReportingCopier {
        let s3 = S3Client(client: account.client())
        return ReportingCopier(
            copier: ObjectCopier(stores: RoleStores(own: s3, source: s3, destination: s3), settings: BatchSettings(manifestBucket: "unused")),
            jobs: JobLifecycle(store: store, notifier: nil, actor: "TransferObject@\(TwoRegionTests.home)"))
    }

    /// The inputs of the executions of the region's one-object state machine.
    func executionInputs(in region: String) throws -> [String] {
        struct Machines: Decodable {
            struct Machine: Decodable { var stateMachineArn: String }
            var stateMachines: [Machine]
        }
        struct ListInput: Encodable {
            var stateMachineArn: String
            var maxResults = 1000
            var nextToken: String?
        }
        struct Executions: Decodable {
            struct Execution: Decodable { var executionArn: String }
            var executions: [Execution]
            var nextToken: String?
        }
        let client = client(region)
        let machine = try #require(
            try client.json(.stepFunctions, "ListStateMachines", [String: String](), as: Machines.self).stateMachines
                .first { $0.stateMachineArn.contains("JobStateMachine") })
        var arns: [String] = []
        var token: String?
        repeat {
            let page = try client.json(
                .stepFunctions, "ListExecutions", ListInput(stateMachineArn: machine.stateMachineArn, nextToken: token), as: Executions.self)
            arns += page.executions.map(\.executionArn)
            token = page.nextToken
        } while token != nil
        let stepFunctions = StepFunctionsClient(client: client)
        return try arns.compactMap { try stepFunctions.describeExecution(executionARN: $0).input }
    }

    /// The bodies of every message on the region's `work.fifo`.
    func workMessages(in region: String) throws -> [String] {
        let sqs = SQSClient(client: client(region))
        let url = "https://sqs.\(region).amazonaws.com/123456789012/local-work.fifo"
        var bodies: [String] = []
        while true {
            let batch = try sqs.receiveMessages(queueURL: url, maxMessages: 10, visibilityTimeout: 60)
            guard !batch.isEmpty else { return bodies }
            for message in batch { try sqs.deleteMessage(queueURL: url, receiptHandle: message.receiptHandle) }
            bodies += batch.map(\.body)
        }
    }

    func archivedCount() throws -> Int {
        try S3Client(client: account.client()).listAllObjects(bucket: archive).objects.count
    }
}
