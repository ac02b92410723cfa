import AWS
import Foundation
import Jobs
import MotoPeer
import Testing

/// The product's own wiring, end to end on moto: `emulator up` makes the template's resources, an
/// S3 `Object Created` event replayed through the emulator goes by `ObjectCreatedRule` to
/// `ingest.fifo`, whose mapping hands it to the built `Router`, which makes the job and queues it
/// for the worker.
@Suite("The product's event path to the Router")
struct ProductEventPathTests {
    let fixture: RoutingFixture

    init() throws {
        fixture = try RoutingFixture.get()
    }

    private func emulator(_ arguments: [String]) throws -> CommandRun {
        var environment = ProcessInfo.processInfo.environment.merging(fixture.account.processEnvironment) { $1 }
        environment["AWS_SESSION_TOKEN"] = nil
        return try CommandRun.run(
            BuildProducts.directory + "/emulator",
            arguments + ["--template", ProjectFiles.template, "--build-dir", BuildProducts.directory, "--endpoint-url", fixture.account.endpoint],
            environment: environment)
    }

    @Test("an object created in a partner's drop becomes one queued job for its partner, through rule, queue, mapping and Router")
    func objectCreatedBecomesJob() async throws {
        try await offCooperativePool { [self] in
            let up = try emulator(["up"])
            try #require(up.status == 0, "\(up.stdout)\(up.stderr)")
            let catalog = DynamoDBEndpointCatalog(dynamoDB: DynamoDBClient(client: fixture.account.client()), table: "EndpointTable")
            let partner = SFTPLocation(
                host: "sftp.partner.example", username: "acme", path: "/incoming", hostKeyFingerprint: "SHA256:abc", secretID: "partners/acme")
            try catalog.put(CustomerEndpoint(id: "acme-partner", customer: "acme", location: .sftp(partner)))
            try catalog.put(
                CustomerEndpoint(
                    id: "acme-drop", customer: "acme", location: .s3(bucket: "partner-drop", prefix: "incoming/"), pushTo: ["acme-partner"]))

            let replay = try emulator(["replay", ProjectFiles.repository + "/events/s3-object-created.json"])
            #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
            #expect(replay.stdout.contains("ObjectCreatedRule"))

            let id = try JobIdentity.jobID(
                customer: "acme", sourceEndpoint: "acme-drop", destinationEndpoint: "acme-partner",
                object: Job.Object(key: "incoming/orders 2026-11.csv", size: 5120, version: "9b2cf535f27731c974343645a3985328"))
            let store = DynamoDBJobStore(dynamoDB: DynamoDBClient(client: fixture.account.client()), table: "JobTable")
            let job = try #require(try store.job(id: id))
            #expect(job.state == .queued && job.flow == .s3ToSFTP)
            #expect(job.history.allSatisfy { $0.by.hasPrefix("Router@") })
            let work = try fixture.drain("https://sqs.us-east-1.amazonaws.com/123456789012/local-work.fifo")
            try #require(work.count == 1)
            let message = try JSONDecoder().decode(TransferJob.self, from: Data(work[0].body.utf8))
            #expect(message.id == id)
            #expect(message.destination == .sftp(SFTPLocation(
                host: "sftp.partner.example", username: "acme", path: "/incoming/orders 2026-11.csv",
                hostKeyFingerprint: "SHA256:abc", secretID: "partners/acme")))
        }
    }
}
