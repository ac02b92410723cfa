import AWS
import Events
import Foundation
import Jobs
import MotoPeer
import Routing
import Testing

/// The job sweep on moto: a `SweepTick` makes the Router fail every job stuck in `RUNNING` past
/// its threshold with the error code `Stale`, found through the job table's `Running` index, and
/// leave alone the jobs that are still moving.
@Suite("Job sweep")
struct SweepTests {
    let fixture: RoutingFixture

    init() throws {
        fixture = try RoutingFixture.get()
    }

    private var tick: SQSEvent {
        SQSEvent(records: [
            SQSEvent.Record(
                messageId: UUID().uuidString, body: #"{"kind": "SweepTick", "time": "2026-11-27T10:00:00Z"}"#,
                attributes: ["MessageGroupId": "sweep-ticks"])
        ])
    }

    /// A job moved to `RUNNING` by an executor whose clock reads `secondsAgo` in the past.
    private func runningJob(since secondsAgo: Double) throws -> Job {
        let executor = JobLifecycle(
            store: fixture.store, notifier: nil, actor: "executor", now: { Date().addingTimeInterval(-secondsAgo) })
        let object = Job.Object(key: "in/\(UUID().uuidString).csv", size: 10, version: "\"e\"")
        let id = try JobIdentity.jobID(customer: "acme", sourceEndpoint: "in", destinationEndpoint: "out", object: object)
        _ = try executor.create(
            Job(id: id, customer: "acme", sourceEndpoint: "in", destinationEndpoint: "out", object: object, flow: .s3ToS3,
                createdAt: executor.timestamp, by: "test"))
        try #require(try executor.move(id, to: .queued) != nil)
        return try #require(try executor.move(id, to: .running))
    }

    @Test("a job RUNNING with no move past the threshold is failed as Stale with a reason; a recent one keeps running")
    func staleRunningJobFails() throws {
        let world = try World(fixture)
        var router = fixture.router(owner: "router@us-east-1", world: world)
        router.staleRunningSeconds = 3600
        let stuck = try runningJob(since: 2 * 3600)
        let recent = try runningJob(since: 60)
        #expect(router.route(tick).batchItemFailures.isEmpty)

        let failed = try #require(try fixture.store.job(id: stuck.id))
        #expect(failed.state == .failed && failed.failure?.code == "Stale")
        #expect(failed.failure?.message.contains("RUNNING since \(stuck.updatedAt)") == true)
        #expect(failed.history.map(\.state) == [.received, .queued, .running, .failed])
        #expect(failed.history.last?.by == "router@us-east-1")
        #expect(try fixture.store.job(id: recent.id)?.state == .running)
        let cutoff = router.jobs.timestamp
        #expect(try !fixture.store.running(updatedBefore: cutoff).contains { $0.id == stuck.id })
    }

    @Test("a stuck job that its executor moves after the sweep read it is not failed: the executor's move wins")
    func executorMoveWins() throws {
        let stuck = try runningJob(since: 2 * 3600)
        let sweeper = JobLifecycle(store: fixture.store, notifier: nil, actor: "router@us-east-1")
        let executor = JobLifecycle(store: fixture.store, notifier: nil, actor: "executor")
        try #require(try executor.move(stuck.id, to: .verifying) != nil)
        #expect(try sweeper.move(stuck.id, to: .failed, failure: Job.Failure(code: "Stale", message: "test"), unchangedSince: stuck.updatedAt) == nil)
        #expect(try fixture.store.job(id: stuck.id)?.state == .verifying)
    }
}
