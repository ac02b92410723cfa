import AWS
import Events
import Foundation
import Jobs
import Routing
import Testing

/// Jobs the API makes reach the Router as `TransferRequested` messages: routed once from their
/// record, like an event's job; a request for a job or endpoint that is not there fails with why.
@Suite("Transfer requests")
struct TransferRequestTests {
    let fixture: RoutingFixture

    init() throws {
        fixture = try RoutingFixture.get()
    }

    /// An S3 endpoint and an SFTP endpoint of `customer`.
    private func endpoints(_ world: World, customer: String = "acme", active: Bool = true) throws {
        let partner = SFTPLocation(
            host: "sftp.partner.example", username: "acme", path: "/incoming", hostKeyFingerprint: "SHA256:abc", secretID: "partners/acme")
        try fixture.catalog.put(
            CustomerEndpoint(id: "\(world.name)-partner", customer: customer, location: .sftp(partner), active: active))
        try fixture.catalog.put(
            CustomerEndpoint(id: "\(world.name)-landing", customer: "acme", location: .s3(bucket: world.bucket, prefix: "in/")))
    }

    /// The job the API would make for `key`, stored as `RECEIVED`.
    private func requestedJob(_ world: World, key: String, requestKey: String) throws -> Job {
        let job = Job(
            id: try JobIdentity.jobID(idempotencyKey: "acme\n\(requestKey)"), customer: "acme",
            sourceEndpoint: "\(world.name)-landing", destinationEndpoint: "\(world.name)-partner",
            object: Job.Object(key: key, size: 0, version: ""), flow: .s3ToSFTP, createdAt: "2026-11-27T09:00:00Z",
            by: "config-service@us-east-1")
        #expect(try fixture.store.create(job).created)
        return job
    }

    private func request(_ id: String, messageID: String = UUID().uuidString) -> SQSEvent.Record {
        SQSEvent.Record(
            messageId: messageID, body: IngestMessage.transferRequestBody(jobID: id), attributes: ["MessageGroupId": "g"])
    }

    @Test("a requested job is queued and sent to its executor once, however often the request arrives")
    func routesOnce() throws {
        let world = try World(fixture)
        try endpoints(world)
        let job = try requestedJob(world, key: "in/2026/orders.csv", requestKey: "\(world.name)-1")
        let router = fixture.router(owner: "router@us-east-1", world: world)
        #expect(router.route(SQSEvent(records: [request(job.id), request(job.id)])).batchItemFailures.isEmpty)
        #expect(router.route(SQSEvent(records: [request(job.id)])).batchItemFailures.isEmpty)

        let work = try fixture.drain(world.workQueueURL)
        try #require(work.count == 1)
        let message = try JSONDecoder().decode(TransferJob.self, from: Data(work[0].body.utf8))
        #expect(message.id == job.id && message.flow == .s3ToSFTP)
        #expect(message.source == .s3(S3Location(bucket: world.bucket, key: "in/2026/orders.csv")))
        guard case .sftp(let destination) = message.destination else { Issue.record("not an SFTP destination"); return }
        #expect(destination.path == "/incoming/2026/orders.csv")
        let stored = try #require(try fixture.store.job(id: job.id))
        #expect(stored.history.map(\.state) == [.received, .queued])
        #expect(stored.history.last?.by == "router@us-east-1")
    }

    @Test("a request for a job that does not exist, or a body that is no message, is dead-lettered with the reason")
    func unknownJob() throws {
        let world = try World(fixture)
        let router = fixture.router(owner: "router@us-east-1", world: world)
        let missing = request("job-00000000000000000000000000000000", messageID: "m-1")
        let empty = SQSEvent.Record(messageId: "m-2", body: #"{"kind": "TransferRequested"}"#, attributes: ["MessageGroupId": "g"])
        let unknown = SQSEvent.Record(messageId: "m-3", body: #"{"kind": "Teleport"}"#, attributes: ["MessageGroupId": "g"])
        #expect(router.route(SQSEvent(records: [missing, empty, unknown])).batchItemFailures.isEmpty)
        let dead = try fixture.drain(world.deadLetterQueueURL)
        #expect(dead.map { $0.messageAttributes["originalMessageId"] } == ["m-1", "m-2", "m-3"])
        #expect(dead[0].messageAttributes["reason"] == "job job-00000000000000000000000000000000 does not exist")
        #expect(dead[1].messageAttributes["reason"] == "a TransferRequested message needs a jobId string")
        #expect(dead[2].messageAttributes["reason"] == #"unknown message kind "Teleport""#)
    }

    @Test("a requested job whose destination is another customer's fails with EndpointUnavailable and is not sent")
    func foreignDestination() throws {
        let world = try World(fixture)
        try endpoints(world, customer: "globex")
        let job = try requestedJob(world, key: "in/x.csv", requestKey: "\(world.name)-2")
        let router = fixture.router(owner: "router@us-east-1", world: world)
        #expect(router.route(SQSEvent(records: [request(job.id)])).batchItemFailures.isEmpty)
        let stored = try #require(try fixture.store.job(id: job.id))
        #expect(stored.state == .failed && stored.failure?.code == "EndpointUnavailable")
        #expect(stored.failure?.message == "endpoint \(world.name)-partner belongs to another customer")
        #expect(try fixture.drain(world.workQueueURL).isEmpty)
        #expect(try fixture.drain(world.deadLetterQueueURL).count == 1, "the request can never succeed")
    }
}
