import AWS
import BatchTransfer
import Foundation
import Glibc
import Jobs
import MotoPeer
import Testing

/// `TransferObject` copying a job's object in parts on moto, while the job is cancelled: the copy
/// stops after the part in flight, the upload is aborted, and nothing appears under the
/// destination key. A proxy in front of moto counts the parts.
@Suite("Cancelled multipart copy")
struct CancelledCopyTests {
    let fixture: RoutingFixture
    static let partSize: Int64 = 5 * 1024 * 1024
    static let parts = 16

    init() throws {
        fixture = try RoutingFixture.get()
    }

    @Test("a job cancelled while TransferObject copies it in parts stops between parts and leaves nothing under the destination key")
    func cancelledMidCopy() async throws {
        let world = try World(fixture)
        let (source, destination) = (world.bucket, "\(world.name)-archive")
        try fixture.account.createBucket(source)
        try fixture.account.createBucket(destination)
        let s3 = S3Client(client: fixture.account.client())
        let size = Self.partSize * Int64(Self.parts)
        let put = try s3.putObject(bucket: source, key: "in/big.bin", body: .bytes(Array(repeating: 7, count: Int(size))))
        let jobs = JobLifecycle(store: fixture.store, notifier: nil, actor: "TransferObject@us-east-1")
        let object = Job.Object(key: "in/big.bin", size: size, version: put.eTag)
        let id = try JobIdentity.jobID(customer: "acme", sourceEndpoint: "\(world.name)-in", destinationEndpoint: "\(world.name)-out", object: object)
        _ = try jobs.create(
            Job(id: id, customer: "acme", sourceEndpoint: "\(world.name)-in", destinationEndpoint: "\(world.name)-out", object: object,
                flow: .s3ToS3, createdAt: jobs.timestamp, by: "test"))
        try #require(try jobs.move(id, to: .queued) != nil)
        let etag = put.eTag.filter { $0 != "\"" }
        let input = #"""
            {"job_id": "\#(id)", "source_bucket": "\#(source)", "source_prefix": "in/big.bin", "destination_bucket": "\#(destination)",
             "destination_prefix": "copies/big.bin", "key": "in/big.bin", "size": \#(size), "etag": "\#(etag)"}
            """#
        let item = try JSONDecoder().decode(JobTransferItem.self, from: Data(input.utf8))

        // The proxy cancels the job as the first part goes to S3, then makes every later part take
        // a while, as parts of a large object do, so the copy is surely mid-way when the watch
        // (every 50 ms) sees the cancellation.
        let parts = Counter()
        let proxy = try FaultProxy(upstreamPort: fixture.account.moto.port, fault: .slowDown, faultCount: 0) { [jobs] request in
            guard request.head.hasPrefix("PUT "), request.head.contains("partNumber=") else { return false }
            if parts.increment() == 1 {
                _ = try? jobs.move(id, to: .cancelled)
            } else {
                usleep(200_000)
            }
            return false
        }
        defer { proxy.stop() }
        let destinationStore = S3Client(client: fixture.account.client(endpoint: proxy.endpoint))
        let copier = ReportingCopier(
            copier: ObjectCopier(
                stores: RoleStores(own: s3, source: s3, destination: destinationStore),
                settings: BatchSettings(
                    manifestBucket: "unused", multipartThreshold: Self.partSize, partSize: Self.partSize, partConcurrency: 1)),
            jobs: jobs, cancelCheckSeconds: 0.05)
        let outcome = try await offCooperativePool { try copier.run(item) }

        #expect(outcome.status == .skipped && outcome.bytes == 0)
        #expect(parts.value < Self.parts, "the copy went on to the last part")
        #expect(proxy.requestLines.contains { $0.hasPrefix("DELETE ") && $0.contains("uploadId=") }, "the upload was aborted")
        #expect(!proxy.requestLines.contains { $0.hasPrefix("POST ") && $0.contains("uploadId=") }, "the upload was completed")
        #expect(throws: AWSError.self) { try s3.headObject(bucket: destination, key: "copies/big.bin") }
        let job = try #require(try fixture.store.job(id: id))
        #expect(job.state == .cancelled && job.history.map(\.state) == [.received, .queued, .running, .cancelled])
    }
}
