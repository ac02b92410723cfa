import AWS
import Foundation
import Jobs
import Testing

/// The job as the system of record, on moto's DynamoDB and SNS: states only move forward, every
/// accepted move is kept in the history and published once, with the attributes subscribers
/// filter on.
@Suite("Job lifecycle")
struct JobLifecycleTests {
    let fixture: JobFixture

    init() throws {
        fixture = try JobFixture.get()
    }

    @Test("a job moves from RECEIVED to SUCCEEDED, each move in its history and published once")
    func wholeLife() throws {
        let lifecycle = fixture.lifecycle(actor: "worker@eu-west-1")
        let job = try JobFixture.newJob()
        let queue = try fixture.subscribe(to: job.id)
        #expect(try lifecycle.create(job).created)
        for state in [JobState.queued, .running, .verifying] { try #require(try lifecycle.move(job.id, to: state) != nil) }
        let done = try #require(try lifecycle.move(job.id, to: .succeeded, bytes: 42, checksum: "CRC32C:AAAAAA=="))
        #expect(done.state == .succeeded && done.bytes == 42 && done.checksum == "CRC32C:AAAAAA==" && done.attempts == 1)
        #expect(done.history.map(\.state) == [.received, .queued, .running, .verifying, .succeeded])
        #expect(done.history.dropFirst().allSatisfy { $0.by == "worker@eu-west-1" })
        let stored = try #require(try fixture.store.job(id: job.id))
        #expect(stored == done)
        let notes = try fixture.notifications(on: queue)
        #expect(notes.map { $0["state"] } == ["RECEIVED", "QUEUED", "RUNNING", "VERIFYING", "SUCCEEDED"])
        #expect(notes.allSatisfy { $0["jobId"] == job.id && $0["customer"] == "acme" && $0["errorCode"] == nil })
    }

    @Test("the same job created twice is one job: the second call finds the first, and nothing is published again")
    func duplicateCreate() throws {
        let lifecycle = fixture.lifecycle()
        let job = try JobFixture.newJob(key: "in/dup.csv")
        let queue = try fixture.subscribe(to: job.id)
        #expect(try lifecycle.create(job).created)
        try lifecycle.move(job.id, to: .queued)
        let again = try lifecycle.create(job)
        #expect(!again.created && again.job.state == .queued)
        #expect(try fixture.notifications(on: queue).count == 2)
    }

    @Test("moves backwards, out of a final state or past a step are refused, and leave the job as it was", arguments: [
        ([JobState.queued, .running], JobState.queued),
        ([.queued, .running, .verifying, .succeeded], .running),
        ([.queued, .running, .verifying, .succeeded], .failed),
        ([.queued, .running, .verifying], .cancelled),
        ([.queued], .verifying),
        ([.cancelled], .queued),
        ([], .received),
    ])
    func refusedMoves(path: [JobState], refused: JobState) throws {
        let lifecycle = fixture.lifecycle()
        let job = try JobFixture.newJob()
        _ = try lifecycle.create(job)
        for state in path { try #require(try lifecycle.move(job.id, to: state) != nil) }
        let before = try #require(try fixture.store.job(id: job.id))
        #expect(try lifecycle.move(job.id, to: refused) == nil)
        #expect(throws: JobStoreError.self) {
            try fixture.store.apply(JobChange(to: refused, at: "2026-11-27T10:00:01.000Z", by: "stale"), to: job.id)
        }
        #expect(try fixture.store.job(id: job.id) == before)
    }

    @Test("a failure keeps its code and message, and the notification carries the code")
    func failure() throws {
        let lifecycle = fixture.lifecycle()
        let job = try JobFixture.newJob()
        let queue = try fixture.subscribe(to: job.id)
        _ = try lifecycle.create(job)
        let failed = try #require(
            try lifecycle.move(job.id, to: .failed, failure: Job.Failure(code: "EndpointUnavailable", message: "endpoint out was deleted")))
        #expect(failed.failure == Job.Failure(code: "EndpointUnavailable", message: "endpoint out was deleted"))
        #expect(try fixture.notifications(on: queue).last?["errorCode"] == "EndpointUnavailable")
    }

    @Test("of eight writers racing to queue one job, exactly one wins")
    func racingWriters() async throws {
        let job = try JobFixture.newJob()
        _ = try fixture.lifecycle().create(job)
        let fixture = fixture
        let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
            for writer in 0..<8 {
                group.addTask { try fixture.lifecycle(actor: "router-\(writer)").move(job.id, to: .queued) != nil }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
        #expect(try fixture.store.job(id: job.id)?.history.filter { $0.state == .queued }.count == 1)
    }

    @Test("the job id is the idempotency key's: same object and version, same id; a new version, a new job")
    func identity() throws {
        let object = Job.Object(key: "in/a.csv", size: 10, version: "\"e1\"")
        let id = try JobIdentity.jobID(customer: "acme", sourceEndpoint: "in", destinationEndpoint: "out", object: object)
        #expect(id == (try JobIdentity.jobID(customer: "acme", sourceEndpoint: "in", destinationEndpoint: "out", object: object)))
        #expect(id.hasPrefix("job-") && id.count == 36)
        var changed = object
        changed.version = "\"e2\""
        #expect(id != (try JobIdentity.jobID(customer: "acme", sourceEndpoint: "in", destinationEndpoint: "out", object: changed)))
        #expect(id != (try JobIdentity.jobID(customer: "acme", sourceEndpoint: "in", destinationEndpoint: "other", object: object)))
    }
}
