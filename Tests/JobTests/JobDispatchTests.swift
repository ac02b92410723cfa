import AWS
import Jobs
import Testing

/// Whose dispatch a job runs under, on moto's DynamoDB: a queued job a router never recorded as
/// sent may be taken over by another router, once; an executor runs the job only under its
/// current dispatcher, so what the first router may have sent before it died runs nowhere.
@Suite("Job dispatch")
struct JobDispatchTests {
    let fixture: JobFixture

    init() throws {
        fixture = try JobFixture.get()
    }

    @Test("a queued job not yet dispatched is taken over once; the overtaken dispatch cannot start it, the new one can")
    func takeOver() throws {
        let job = try JobFixture.newJob()
        let router = fixture.lifecycle(actor: "router@us-east-1")
        _ = try router.create(job)
        let queued = try #require(try router.move(job.id, to: .queued, dispatcher: "router@us-east-1"))
        #expect(queued.dispatcher == "router@us-east-1" && !queued.dispatched)

        let survivor = fixture.lifecycle(actor: "router@eu-west-1")
        let taken = try #require(try survivor.takeOver(job.id, from: "router@us-east-1", to: "router@eu-west-1"))
        #expect(taken.dispatcher == "router@eu-west-1" && taken.state == .queued && taken.history.count == 2)
        #expect(try fixture.lifecycle(actor: "router@ap-south-1").takeOver(job.id, from: "router@us-east-1", to: "router@ap-south-1") == nil)
        #expect(try !router.markDispatched(job.id, by: "router@us-east-1"), "the overtaken router's record is refused")
        #expect(try survivor.markDispatched(job.id, by: "router@eu-west-1"))

        let executor = fixture.lifecycle(actor: "worker")
        #expect(try !executor.begin(job.id, dispatcher: "router@us-east-1"))
        #expect(try fixture.store.job(id: job.id)?.state == .queued)
        #expect(try executor.begin(job.id, dispatcher: "router@eu-west-1"))
        #expect(try executor.begin(job.id, dispatcher: "router@eu-west-1"), "a retry of the same dispatch runs again")
        #expect(try fixture.store.job(id: job.id)?.attempts == 2)
    }

    @Test("a job its router recorded as dispatched is never taken over")
    func dispatchedStays() throws {
        let job = try JobFixture.newJob()
        let router = fixture.lifecycle(actor: "router@us-east-1")
        _ = try router.create(job)
        try router.move(job.id, to: .queued, dispatcher: "router@us-east-1")
        #expect(try router.markDispatched(job.id, by: "router@us-east-1"))
        #expect(try router.takeOver(job.id, from: "router@us-east-1", to: "router@eu-west-1") == nil)
        let stored = try #require(try fixture.store.job(id: job.id))
        #expect(stored.dispatcher == "router@us-east-1" && stored.dispatched)
    }
}
