import AWS
import Foundation
import Jobs
import MotoPeer
import Testing
import Timestamps

/// The notification outbox on moto's DynamoDB and SNS, with a fault proxy failing SNS's `Publish`:
/// a move whose publish fails stands, its notification stays in the job's outbox, and the next
/// move or the sweep's `publishPending` sends it, in order and under the same notification id.
@Suite("Notification outbox")
struct NotificationOutboxTests {
    let fixture: JobFixture

    init() throws {
        fixture = try JobFixture.get()
    }

    /// A lifecycle whose SNS calls go through `proxy`; the job table is reached directly.
    private func lifecycle(publishingThrough proxy: FaultProxy, now: @escaping @Sendable () -> Date = { Date() }) -> JobLifecycle {
        let sns = SNSClient(client: fixture.account.client(endpoint: proxy.endpoint))
        return JobLifecycle(store: fixture.store, notifier: JobNotifier(sns: sns, topicARN: fixture.topicARN), actor: "test", now: now)
    }

    private static func isPublish(_ request: HTTPWire.Request) -> Bool {
        String(decoding: request.raw, as: UTF8.self).contains("Action=Publish")
    }

    @Test("moves whose publishes fail stand, and the sweep publishes their notifications later, in order, once")
    func failedPublishesAreSweptOut() throws {
        let job = try JobFixture.newJob()
        let queue = try fixture.subscribe(to: job.id)
        let proxy = try FaultProxy(upstreamPort: fixture.account.moto.port, fault: .internalError, faultCount: .max, spoils: Self.isPublish)
        defer { proxy.stop() }
        // Ten minutes ago, so that the sweep below (which publishes whatever has been pending for a
        // minute) finds this job and none that the suites running alongside are moving now.
        let failing = lifecycle(publishingThrough: proxy, now: { Date().addingTimeInterval(-600) })
        #expect(try failing.create(job).created)
        #expect(try failing.move(job.id, to: .queued)?.state == .queued)
        #expect(proxy.faultsServed > 0)
        #expect(try fixture.notifications(on: queue).isEmpty)
        let stored = try #require(try fixture.store.job(id: job.id))
        #expect(stored.state == .queued && stored.notifiedThrough == 0)
        let cutoff = ISO8601Timestamp.format(Date().addingTimeInterval(-60))
        #expect(try fixture.store.withPendingNotifications(updatedBefore: cutoff).contains { $0.id == job.id })

        let sweeper = JobLifecycle(store: fixture.store, notifier: fixture.lifecycle().notifier, actor: "sweep")
        #expect(try sweeper.publishPending(graceSeconds: 60).published >= 2)
        let notes = try fixture.notifications(on: queue)
        #expect(notes.map { $0["state"] } == ["RECEIVED", "QUEUED"])
        #expect(notes.map { $0["notificationId"] } == ["\(job.id)/0", "\(job.id)/1"])
        #expect(try fixture.store.job(id: job.id)?.notifiedThrough == 2)
        #expect(try !fixture.store.withPendingNotifications(updatedBefore: cutoff).contains { $0.id == job.id })
        _ = try sweeper.publishPending(graceSeconds: 60)
        #expect(try fixture.notifications(on: queue).isEmpty)
    }

    @Test("a notification whose publish failed goes out with the job's next move, before it")
    func nextMovePublishesWhatWasLeft() throws {
        let job = try JobFixture.newJob()
        let queue = try fixture.subscribe(to: job.id)
        let attempts = 3
        let proxy = try FaultProxy(upstreamPort: fixture.account.moto.port, fault: .reset, faultCount: attempts, spoils: Self.isPublish)
        defer { proxy.stop() }
        let lifecycle = lifecycle(publishingThrough: proxy)
        #expect(try lifecycle.create(job).created)
        #expect(proxy.faultsServed == attempts)
        #expect(try fixture.notifications(on: queue).isEmpty)
        try #require(try lifecycle.move(job.id, to: .queued) != nil)
        try #require(try lifecycle.move(job.id, to: .cancelled) != nil)
        let notes = try fixture.notifications(on: queue)
        #expect(notes.map { $0["state"] } == ["RECEIVED", "QUEUED", "CANCELLED"])
        #expect(notes.map { $0["notificationId"] } == (0..<3).map { "\(job.id)/\($0)" })
        #expect(try fixture.store.job(id: job.id)?.notifiedThrough == 3)
    }

    @Test("a job stuck in RUNNING is found through the Running index; one that moved on is not")
    func runningIndex() throws {
        let hoursAgo = JobLifecycle(store: fixture.store, notifier: nil, actor: "executor", now: { Date().addingTimeInterval(-5 * 3600) })
        let stuck = try JobFixture.newJob()
        let finished = try JobFixture.newJob()
        for job in [stuck, finished] {
            _ = try hoursAgo.create(job)
            for state in [JobState.queued, .running] { try #require(try hoursAgo.move(job.id, to: state) != nil) }
        }
        try #require(try hoursAgo.move(finished.id, to: .verifying) != nil)
        let cutoff = ISO8601Timestamp.format(Date().addingTimeInterval(-3600))
        let found = try fixture.store.running(updatedBefore: cutoff).map(\.id)
        #expect(found.contains(stuck.id) && !found.contains(finished.id))
    }
}
