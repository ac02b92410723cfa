import AWS
import Events
import Foundation
import Jobs
import MotoPeer
import Routing
import Testing
import Timestamps

/// Pull schedules on moto: a `PullTick` makes the Router take each due schedule's run, through the
/// schedule table's `Due` index, with a conditional write, and send it to the worker to poll.
/// Serialized: a tick runs every due schedule of the shared table.
@Suite("Pull schedules", .serialized)
struct PullScheduleTests {
    let fixture: RoutingFixture

    init() throws {
        fixture = try RoutingFixture.get()
    }

    private func tick(_ world: World) -> SQSEvent {
        SQSEvent(records: [
            SQSEvent.Record(
                messageId: UUID().uuidString, body: #"{"kind": "PullTick", "time": "2026-11-27T10:00:00Z"}"#,
                attributes: ["MessageGroupId": "pull-ticks"])
        ])
    }

    /// A partner's SFTP drop and the bucket its files go to.
    private func endpoints(_ world: World) throws {
        let partner = SFTPLocation(host: "sftp.partner.example", username: "acme", path: "/outgoing", hostKeyFingerprint: "SHA256:abc", secretID: "partners/acme")
        try fixture.catalog.put(CustomerEndpoint(id: "\(world.name)-drop", customer: "acme", location: .sftp(partner)))
        try fixture.catalog.put(CustomerEndpoint(id: "\(world.name)-landing", customer: "acme", location: .s3(bucket: world.bucket, prefix: "in/")))
    }

    private func schedule(_ world: World, _ name: String, active: Bool = true, nextRunAt: String? = nil) throws -> TransferSchedule {
        let schedule = TransferSchedule(
            id: "\(world.name)-\(name)", customer: "acme", expression: "rate(5 minutes)", sourceEndpoint: "\(world.name)-drop",
            pattern: "*.csv", destinationEndpoint: "\(world.name)-landing", active: active, nextRunAt: nextRunAt,
            createdAt: ISO8601Timestamp.format(Date().addingTimeInterval(-3600)))
        try fixture.schedules.put(schedule)
        return schedule
    }

    @Test("of two routers ticking at once, one runs each due schedule; a schedule not due, or inactive, is not run; the next run moves on")
    func dueSchedulesRunOnce() async throws {
        let world = try World(fixture)
        try endpoints(world)
        let due = try schedule(world, "due")
        _ = try schedule(world, "later", nextRunAt: ISO8601Timestamp.format(Date().addingTimeInterval(3600)))
        _ = try schedule(world, "off", active: false)
        let routers = [
            fixture.router(owner: "router@us-east-1", world: world), fixture.router(owner: "router@eu-west-1", world: world),
        ]
        let event = tick(world)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for router in routers {
                group.addTask { #expect(router.route(event).batchItemFailures.isEmpty) }
            }
            try await group.waitForAll()
        }
        let work = try fixture.drain(world.workQueueURL)
        try #require(work.count == 1, "one poll for the one due schedule")
        let request = try JSONDecoder().decode(PollRequest.self, from: Data(work[0].body.utf8))
        #expect(request.scheduleID == due.id && request.flow == .sftpToS3 && request.pattern == "*.csv")
        #expect(request.source.path == "/outgoing" && request.destinationEndpoint == "\(world.name)-landing")
        let moved = try #require(try fixture.schedules.schedule(id: due.id))
        let next = try #require(moved.nextRunAt.flatMap(ISO8601Timestamp.parse))
        #expect(next > Date() && next <= Date().addingTimeInterval(300), "the next run is within the rate")

        #expect(routers[0].route(tick(world)).batchItemFailures.isEmpty)
        #expect(try fixture.drain(world.workQueueURL).isEmpty, "nothing is due until the next run")
    }

    @Test("a schedule whose source is no SFTP endpoint is skipped, and its next run still moves on")
    func unusableSource() throws {
        let world = try World(fixture)
        try endpoints(world)
        var broken = try schedule(world, "broken")
        broken.sourceEndpoint = "\(world.name)-landing"
        try fixture.schedules.put(broken)
        #expect(fixture.router(owner: "router@us-east-1", world: world).route(tick(world)).batchItemFailures.isEmpty)
        #expect(try fixture.drain(world.workQueueURL).isEmpty)
        #expect(try fixture.schedules.schedule(id: broken.id)?.nextRunAt != nil)
    }
}
