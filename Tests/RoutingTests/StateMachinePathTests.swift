import AWS
import BatchTransfer
import Events
import Foundation
import Jobs
import MotoPeer
import Routing
import Testing

/// The small S3 → S3 path: the execution the Router starts carries `TransferObject`'s item and the
/// job's id, and `TransferObject` copies the object and moves the job to `SUCCEEDED`.
@Suite("Router to TransferObject")
struct StateMachinePathTests {
    let fixture: RoutingFixture

    init() throws {
        fixture = try RoutingFixture.get()
    }

    private func copier() -> ReportingCopier {
        let s3 = S3Client(client: fixture.account.client())
        return ReportingCopier(
            copier: ObjectCopier(stores: RoleStores(own: s3, source: s3, destination: s3), settings: BatchSettings(manifestBucket: "unused")),
            jobs: JobLifecycle(store: fixture.store, notifier: nil, actor: "TransferObject@us-east-1"))
    }

    /// Routes an object created in `world` and returns the one-object execution's input.
    private func dispatched(_ world: World, key: String, bytes: [UInt8]) throws -> (JobTransferItem, String) {
        try fixture.account.createBucket(world.bucket)
        try fixture.account.createBucket("\(world.name)-archive")
        let s3 = S3Client(client: fixture.account.client())
        let put = try s3.putObject(bucket: world.bucket, key: key, body: .bytes(bytes))
        try fixture.catalog.put(CustomerEndpoint(id: "\(world.name)-archive", customer: "acme", location: .s3(bucket: "\(world.name)-archive", prefix: "copies/")))
        try fixture.catalog.put(
            CustomerEndpoint(
                id: "\(world.name)-landing", customer: "acme", location: .s3(bucket: world.bucket, prefix: "in/"),
                pushTo: ["\(world.name)-archive"]))
        let router = fixture.router(owner: "router@us-east-1", world: world)
        #expect(router.route(SQSEvent(records: [try world.event(key, size: Int64(bytes.count), etag: put.eTag)])).batchItemFailures.isEmpty)
        let id = try JobIdentity.jobID(
            customer: "acme", sourceEndpoint: "\(world.name)-landing", destinationEndpoint: "\(world.name)-archive",
            object: Job.Object(key: key, size: Int64(bytes.count), version: put.eTag))
        let arn = fixture.stateMachineARN.replacingOccurrences(of: ":stateMachine:", with: ":execution:") + ":" + id
        let input = try #require(try StepFunctionsClient(client: fixture.account.client()).describeExecution(executionARN: arn).input)
        return (try JSONDecoder().decode(JobTransferItem.self, from: Data(input.utf8)), id)
    }

    @Test("the execution's input copies the object to the destination endpoint, and the job ends SUCCEEDED")
    func copiesAndReports() throws {
        let world = try World(fixture)
        let bytes = Array("quarterly numbers".utf8)
        let (item, id) = try dispatched(world, key: "in/q3/numbers.csv", bytes: bytes)
        #expect(item.jobID == id)
        let outcome = try copier().run(item)
        #expect(outcome.status == .copied && outcome.destinationKey == "copies/q3/numbers.csv")
        let copied = try S3Client(client: fixture.account.client()).getObject(bucket: "\(world.name)-archive", key: "copies/q3/numbers.csv")
        #expect(copied.body == bytes)
        let job = try #require(try fixture.store.job(id: id))
        #expect(job.state == .succeeded && job.bytes == Int64(bytes.count))
        #expect(job.history.map(\.state) == [.received, .queued, .running, .verifying, .succeeded])
    }

    @Test("a job cancelled before its copy began is not copied")
    func cancelled() throws {
        let world = try World(fixture)
        let (item, id) = try dispatched(world, key: "in/stop.csv", bytes: [1, 2, 3])
        try JobLifecycle(store: fixture.store, notifier: nil, actor: "api").move(id, to: .cancelled)
        #expect(try copier().run(item).status == .skipped)
        #expect(throws: AWSError.self) { try S3Client(client: fixture.account.client()).headObject(bucket: "\(world.name)-archive", key: "copies/stop.csv") }
        #expect(try fixture.store.job(id: id)?.state == .cancelled)
    }
}
