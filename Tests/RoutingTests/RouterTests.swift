import AWS
import Events
import Foundation
import Jobs
import MotoPeer
import Routing
import Synchronization
import Testing

/// The Router on moto: events become exactly one job each, dispatched once to the executor their
/// flow and size call for; what cannot succeed is dead-lettered with its reason.
@Suite("Router")
struct RouterTests {
    let fixture: RoutingFixture

    init() throws {
        fixture = try RoutingFixture.get()
    }

    /// An S3 endpoint under `in/` pushing to an S3 endpoint and an SFTP endpoint.
    private func endpoints(_ world: World, active: Bool = true) throws {
        let partner = SFTPLocation(
            host: "sftp.partner.example", username: "acme", path: "/incoming", hostKeyFingerprint: "SHA256:abc", secretID: "partners/acme")
        try fixture.catalog.put(CustomerEndpoint(id: "\(world.name)-partner", customer: "acme", location: .sftp(partner), active: active))
        try fixture.catalog.put(CustomerEndpoint(id: "\(world.name)-archive", customer: "acme", location: .s3(bucket: "\(world.name)-archive", prefix: "copies/")))
        try fixture.catalog.put(
            CustomerEndpoint(
                id: "\(world.name)-landing", customer: "acme", location: .s3(bucket: world.bucket, prefix: "in/"),
                pushTo: ["\(world.name)-archive", "\(world.name)-partner"]))
    }

    @Test("an object becomes one job per destination: small S3 → S3 to the state machine, S3 → SFTP to the worker")
    func routes() throws {
        let world = try World(fixture)
        try endpoints(world)
        let router = fixture.router(owner: "router@us-east-1", world: world)
        let response = router.route(SQSEvent(records: [try world.event("in/2026/report.csv", size: 2048)]))
        #expect(response.batchItemFailures.isEmpty)

        let work = try fixture.drain(world.workQueueURL)
        try #require(work.count == 1)
        let message = try JSONDecoder().decode(TransferJob.self, from: Data(work[0].body.utf8))
        #expect(message.flow == .s3ToSFTP)
        #expect(message.source == .s3(S3Location(bucket: world.bucket, key: "in/2026/report.csv")))
        guard case .sftp(let destination) = message.destination else { Issue.record("not an SFTP destination"); return }
        #expect(destination.path == "/incoming/2026/report.csv")
        #expect(work[0].attributes["MessageGroupId"] == "acme/\(world.name)-landing/\(world.name)-partner")

        let pushed = try #require(try fixture.store.job(id: message.id))
        #expect(pushed.state == .queued && pushed.flow == .s3ToSFTP && pushed.object.size == 2048)
        #expect(pushed.history.map(\.state) == [.received, .queued] && pushed.history.allSatisfy { $0.by == "router@us-east-1" })

        let copyID = try JobIdentity.jobID(
            customer: "acme", sourceEndpoint: "\(world.name)-landing", destinationEndpoint: "\(world.name)-archive",
            object: Job.Object(key: "in/2026/report.csv", size: 2048, version: "\"e1\""))
        #expect(try fixture.executionNames().contains(copyID), "the execution is named after the job")
        #expect(try fixture.store.job(id: copyID)?.state == .queued)
        #expect(try fixture.drain(world.deadLetterQueueURL).isEmpty)
    }

    @Test("duplicate and replayed deliveries, in any order, map to the jobs the first made: nothing is dispatched twice")
    func duplicates() throws {
        let world = try World(fixture)
        try endpoints(world)
        let router = fixture.router(owner: "router@us-east-1", world: world)
        let keys = (0..<5).map { "in/batch/\($0).csv" }
        var records = try keys.map { try world.event($0) }
        records += try keys.reversed().map { try world.event($0) }
        _ = router.route(SQSEvent(records: Array(records.prefix(7))))
        _ = router.route(SQSEvent(records: Array(records.dropFirst(7))))
        _ = router.route(SQSEvent(records: try keys.map { try world.event($0) }))
        #expect(try fixture.drain(world.workQueueURL).count == 5)
        let names = Set(try fixture.executionNames())
        let copies = try keys.map {
            try JobIdentity.jobID(
                customer: "acme", sourceEndpoint: "\(world.name)-landing", destinationEndpoint: "\(world.name)-archive",
                object: Job.Object(key: $0, size: 100, version: "\"e1\""))
        }
        #expect(copies.allSatisfy(names.contains))
        for id in copies { #expect(try fixture.store.job(id: id)?.history.count == 2, "RECEIVED and QUEUED once each") }
    }

    @Test("a new version of an object is a new job")
    func newVersion() throws {
        let world = try World(fixture)
        try endpoints(world)
        let router = fixture.router(owner: "router@us-east-1", world: world)
        _ = router.route(SQSEvent(records: [try world.event("in/a.csv", etag: "\"v1\""), try world.event("in/a.csv", etag: "\"v2\"")]))
        #expect(try fixture.drain(world.workQueueURL).count == 2)
    }

    @Test("what can never succeed goes to the dead-letter queue at once, with its reason, and the batch goes on")
    func deadLetters() throws {
        let world = try World(fixture)
        try endpoints(world)
        let router = fixture.router(owner: "router@us-east-1", world: world)
        let malformed = SQSEvent.Record(messageId: "m-1", body: #"{"a":"#, attributes: ["MessageGroupId": "g"])
        let outside = try world.event("elsewhere/x.csv", messageID: "m-2")
        let good = try world.event("in/fine.csv", messageID: "m-3")
        let response = router.route(SQSEvent(records: [malformed, outside, good]))
        #expect(response.batchItemFailures.isEmpty)
        let dead = try fixture.drain(world.deadLetterQueueURL)
        #expect(dead.map { $0.messageAttributes["originalMessageId"] } == ["m-1", "m-2"])
        #expect(dead[0].messageAttributes["reason"]?.contains("neither an S3 Object Created event nor a TransferRequested message") == true)
        #expect(dead[1].messageAttributes["reason"]?.contains("no active endpoint holds s3://\(world.bucket)/elsewhere/x.csv") == true)
        #expect(try fixture.drain(world.workQueueURL).count == 1)
    }

    @Test("a destination that is inactive fails its job with EndpointUnavailable; the other destination's job goes on")
    func inactiveDestination() throws {
        let world = try World(fixture)
        try endpoints(world, active: false)
        let router = fixture.router(owner: "router@us-east-1", world: world)
        _ = router.route(SQSEvent(records: [try world.event("in/x.csv")]))
        let id = try JobIdentity.jobID(
            customer: "acme", sourceEndpoint: "\(world.name)-landing", destinationEndpoint: "\(world.name)-partner",
            object: Job.Object(key: "in/x.csv", size: 100, version: "\"e1\""))
        let job = try #require(try fixture.store.job(id: id))
        #expect(job.state == .failed && job.failure?.code == "EndpointUnavailable")
        #expect(try fixture.drain(world.workQueueURL).isEmpty)
        #expect(try fixture.drain(world.deadLetterQueueURL).isEmpty, "the archive copy succeeded")
    }

    @Test("a partition leased by another router is returned to the queue with the rest of its partition; the lease is taken over once expired")
    func leaseTakeover() throws {
        let world = try World(fixture)
        try endpoints(world)
        let clock = Mutex<Int64>(Int64(Date().timeIntervalSince1970 * 1000))
        let now: @Sendable () -> Int64 = { clock.withLock { $0 } }
        let dead = fixture.router(owner: "router@us-east-1", world: world, now: now)
        let survivor = fixture.router(owner: "router@eu-west-1", world: world, now: now)
        // The first router takes the partitions, then dies before it routes anything more.
        _ = dead.route(SQSEvent(records: [try world.event("in/first.csv")]))
        #expect(try fixture.drain(world.workQueueURL).count == 1)

        let held = try [world.event("in/a.csv", group: "g1"), world.event("in/b.csv", group: "g1")]
        let response = survivor.route(SQSEvent(records: held))
        #expect(Set(response.batchItemFailures.map(\.itemIdentifier)) == Set(held.map(\.messageId)))
        #expect(try fixture.drain(world.workQueueURL).isEmpty)

        clock.withLock { $0 += 31_000 }
        #expect(survivor.route(SQSEvent(records: held)).batchItemFailures.isEmpty)
        let work = try fixture.drain(world.workQueueURL)
        #expect(work.count == 2)
        let job = try #require(try fixture.store.job(id: try JSONDecoder().decode(TransferJob.self, from: Data(work[0].body.utf8)).id))
        #expect(job.history.last?.by == "router@eu-west-1")
    }

    @Test("a batch's partitions are routed apart: one leased by another router holds only its own jobs, the other's are dispatched, each in order")
    func partitionsInLanes() throws {
        let world = try World(fixture)
        try endpoints(world)
        let clock = Mutex<Int64>(Int64(Date().timeIntervalSince1970 * 1000))
        let now: @Sendable () -> Int64 = { clock.withLock { $0 } }
        let partnerPartition = Job.partition(customer: "acme", source: "\(world.name)-landing", destination: "\(world.name)-partner")
        let leases = PartitionLeases(
            dynamoDB: DynamoDBClient(client: fixture.account.client()), table: RoutingFixture.jobTable, duration: .seconds(30), now: now)
        #expect(try leases.acquire(partnerPartition, owner: "router@elsewhere"))
        let router = fixture.router(owner: "router@us-east-1", world: world, now: now)
        let events = try ["in/1.csv", "in/2.csv", "in/3.csv"].map { try world.event($0, group: "objects") }

        let response = router.route(SQSEvent(records: events))
        #expect(Set(response.batchItemFailures.map(\.itemIdentifier)) == Set(events.map(\.messageId)), "each event has a held job")
        let started = try fixture.executionNames()
        let archiveJobs = try ["in/1.csv", "in/2.csv", "in/3.csv"].map { key in
            try JobIdentity.jobID(
                customer: "acme", sourceEndpoint: "\(world.name)-landing", destinationEndpoint: "\(world.name)-archive",
                object: Job.Object(key: key, size: 100, version: "\"e1\""))
        }
        #expect(archiveJobs.allSatisfy(started.contains), "the archive partition went on")
        #expect(try fixture.drain(world.workQueueURL).isEmpty, "the partner partition waited")

        clock.withLock { $0 += 31_000 }
        #expect(router.route(SQSEvent(records: events)).batchItemFailures.isEmpty)
        let work = try fixture.drain(world.workQueueURL).map { try JSONDecoder().decode(TransferJob.self, from: Data($0.body.utf8)) }
        #expect(work.map(\.source).map { if case .s3(let location) = $0 { location.key } else { "" } } == ["in/1.csv", "in/2.csv", "in/3.csv"])
        #expect(try fixture.executionNames().filter(archiveJobs.contains).count == 3, "nothing was started twice")
    }

    @Test("a job queued by a router that died before it dispatched is taken over, once its lease expired, and sent under the new router")
    func takeOverUndispatched() throws {
        let world = try World(fixture)
        try endpoints(world)
        let clock = Mutex<Int64>(Int64(Date().timeIntervalSince1970 * 1000))
        let now: @Sendable () -> Int64 = { clock.withLock { $0 } }
        let survivor = fixture.router(owner: "router@eu-west-1", world: world, now: now)
        // The dead router's last acts: the job made and queued under its lease, nothing sent.
        let dead = JobLifecycle(store: fixture.store, notifier: nil, actor: "router@us-east-1")
        let object = Job.Object(key: "in/orphan.csv", size: 100, version: "\"e1\"")
        let (source, destination) = ("\(world.name)-landing", "\(world.name)-partner")
        let id = try JobIdentity.jobID(customer: "acme", sourceEndpoint: source, destinationEndpoint: destination, object: object)
        let (job, _) = try dead.create(
            Job(
                id: id, customer: "acme", sourceEndpoint: source, destinationEndpoint: destination, object: object, flow: .s3ToSFTP,
                createdAt: dead.timestamp, by: dead.actor))
        try dead.move(id, to: .queued, dispatcher: dead.actor)
        let leases = PartitionLeases(dynamoDB: DynamoDBClient(client: fixture.account.client()), table: RoutingFixture.jobTable, duration: .seconds(30), now: now)
        #expect(try leases.acquire(job.partition, owner: dead.actor))

        let event = try world.event("in/orphan.csv")
        #expect(survivor.route(SQSEvent(records: [event])).batchItemFailures.count == 1, "held while the dead router's lease lasts")
        #expect(try fixture.drain(world.workQueueURL).isEmpty)
        clock.withLock { $0 += 31_000 }
        #expect(survivor.route(SQSEvent(records: [event])).batchItemFailures.isEmpty)
        let work = try fixture.drain(world.workQueueURL)
        try #require(work.count == 1)
        let message = try JSONDecoder().decode(TransferJob.self, from: Data(work[0].body.utf8))
        #expect(message.id == id && message.dispatcher == "router@eu-west-1")
        let taken = try #require(try fixture.store.job(id: id))
        #expect(taken.dispatcher == "router@eu-west-1" && taken.dispatched && taken.history.map(\.state) == [.received, .queued])
    }

    @Test("a batch longer than a third of the lease renews the lease as it goes, so no other router takes the partition mid-batch")
    func heartbeat() throws {
        let world = try World(fixture)
        try endpoints(world)
        // Every reading of the clock is four seconds after the last: the batch outlasts the 30 s lease.
        let clock = Mutex<Int64>(Int64(Date().timeIntervalSince1970 * 1000))
        let router = fixture.router(owner: "router@us-east-1", world: world, now: { clock.withLock { $0 += 4_000; return $0 } })
        let records = try (0..<12).map { try world.event("in/long/\($0).csv") }
        #expect(router.route(SQSEvent(records: records)).batchItemFailures.isEmpty)
        let rival = PartitionLeases(
            dynamoDB: DynamoDBClient(client: fixture.account.client()), table: RoutingFixture.jobTable, duration: .seconds(30),
            now: { clock.withLock { $0 } })
        for destination in ["partner", "archive"] {
            #expect(try !rival.acquire("acme/\(world.name)-landing/\(world.name)-\(destination)", owner: "router@eu-west-1"))
        }
    }

    @Test("two routers in two regions on one stream with duplicates: every object dispatched exactly once")
    func twoRegions() async throws {
        let world = try World(fixture)
        try endpoints(world)
        let keys = (0..<60).map { "in/stream/\($0).csv" }
        var stream = try keys.map { try world.event($0, group: "g\($0.hashValue & 3)") }
        stream += try keys.filter { $0.hashValue % 10 == 0 }.map { try world.event($0) }
        stream.shuffle()
        let batches = stride(from: 0, to: stream.count, by: 10).map { SQSEvent(records: Array(stream[$0..<min($0 + 10, stream.count)])) }
        let routers = [
            fixture.router(owner: "router@us-east-1", world: world, leaseSeconds: 1),
            fixture.router(owner: "router@eu-west-1", world: world, leaseSeconds: 1),
        ]
        // Each router gets every batch, as both regions' queues would; failed messages come back later.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for router in routers {
                group.addTask {
                    var pending = batches
                    for _ in 0..<20 where !pending.isEmpty {
                        pending = pending.compactMap { batch in
                            let failed = Set(router.route(batch).batchItemFailures.map(\.itemIdentifier))
                            let left = batch.records.filter { failed.contains($0.messageId) }
                            return left.isEmpty ? nil : SQSEvent(records: left)
                        }
                        if !pending.isEmpty { try await Task.sleep(for: .milliseconds(300)) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let work = try fixture.drain(world.workQueueURL)
        #expect(work.count == keys.count, "one S3 → SFTP dispatch per object")
        let names = try fixture.executionNames()
        for key in keys {
            let copy = try JobIdentity.jobID(
                customer: "acme", sourceEndpoint: "\(world.name)-landing", destinationEndpoint: "\(world.name)-archive",
                object: Job.Object(key: key, size: 100, version: "\"e1\""))
            #expect(names.filter { $0 == copy }.count == 1, "one S3 → S3 execution per object")
            #expect(try fixture.store.job(id: copy)?.history.map(\.state) == [.received, .queued])
        }
        for message in work {
            let job = try #require(try fixture.store.job(id: try JSONDecoder().decode(TransferJob.self, from: Data(message.body.utf8)).id))
            #expect(job.history.map(\.state) == [.received, .queued])
        }
    }
}
