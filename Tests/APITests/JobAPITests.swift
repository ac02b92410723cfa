import AWS
import Foundation
import Jobs
import MotoPeer
import Testing

/// Transfers and jobs through the product's API: a transfer asked for by API and followed to
/// `SUCCEEDED` through the Router and the one-object state machine, idempotency, cancellation,
/// pagination over 250 jobs through the index, and tenant isolation.
@Suite("The self-serve API: transfers and jobs", .serialized)
struct JobAPITests {
    let fixture: ProductAPIFixture

    init() throws {
        fixture = try ProductAPIFixture.get()
    }

    private func activeS3Endpoint(bucket: String, prefix: String) throws -> String {
        try fixture.createBucket(bucket)
        let body = #"{"type":"s3","bucket":"\#(bucket)","prefix":"\#(prefix)","region":"us-east-1","roleArn":"\#(fixture.roleARN)"}"#
        let created = try fixture.request("POST", "/endpoints", as: fixture.alice, body: body)
        let id = try #require(created.json["id"] as? String, "\(created.text)")
        let activated = try fixture.request("POST", "/endpoints/\(id)/activate", as: fixture.alice)
        try #require(activated.status == 200, "\(activated.text)")
        return id
    }

    @Test("a transfer requested by API runs to SUCCEEDED through the Router and the worker; the same key answers the same job, another body under it a 409")
    func transferToSucceeded() async throws {
        let source = try activeS3Endpoint(bucket: "alice-outbox", prefix: "in/")
        let destination = try activeS3Endpoint(bucket: "alice-archive", prefix: "copies/")
        let bytes = [UInt8](repeating: 7, count: 1024)
        _ = try S3Client(client: fixture.client).putObject(bucket: "alice-outbox", key: "in/2026/report.csv", body: .bytes(bytes))
        let body = #"{"sourceEndpoint":"\#(source)","destinationEndpoint":"\#(destination)","path":"2026/report.csv","size":1024}"#
        let key = "report-\(UUID().uuidString)"
        let headers = [("Idempotency-Key", key), ("X-Correlation-Id", "corr-\(key)")]
        let created = try fixture.request("POST", "/transfers", as: fixture.alice, body: body, headers: headers)
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.json["id"] as? String)
        #expect(created.json["key"] as? String == "in/2026/report.csv" && created.json["flow"] as? String == "s3ToS3")
        #expect(created.header("X-Correlation-Id") == "corr-\(key)")
        #expect(created.header("X-Request-Id") == created.header("x-amzn-RequestId"))

        let again = try fixture.request("POST", "/transfers", as: fixture.alice, body: body, headers: headers)
        #expect(again.status == 200 && again.json["id"] as? String == id)
        let other = try fixture.request(
            "POST", "/transfers", as: fixture.alice, body: body.replacingOccurrences(of: "report.csv", with: "other.csv"), headers: headers)
        #expect(other.status == 409 && other.json["code"] as? String == "IdempotencyKeyReused", "\(other.text)")

        let worker = try fixture.runWorker()
        defer { worker.stop() }
        var state = ""
        let deadline = Date().addingTimeInterval(120)
        var job: [String: Any] = [:]
        while Date() < deadline {
            job = try fixture.request("GET", "/jobs/\(id)", as: fixture.alice).json
            state = job["state"] as? String ?? ""
            if ["SUCCEEDED", "FAILED", "CANCELLED"].contains(state) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(state == "SUCCEEDED", "\(job)\n\(worker.lines.suffix(40).joined(separator: "\n"))")
        #expect(job["bytes"] as? Int == 1024)
        #expect((job["history"] as? [[String: Any]])?.compactMap { $0["state"] as? String } == ["RECEIVED", "QUEUED", "RUNNING", "VERIFYING", "SUCCEEDED"])
        let copied = try S3Client(client: fixture.client).headObject(bucket: "alice-archive", key: "copies/2026/report.csv", includingChecksum: false)
        #expect(copied.contentLength == 1024)
        #expect(fixture.emulator.lines.contains { $0.contains("corr-\(key)") && $0.contains("[ConfigService]") })
        #expect(fixture.emulator.lines.contains { $0.hasPrefix("api: POST /transfers 201") && $0.contains("correlationId=corr-\(key)") })

        let bobs = try fixture.request("GET", "/jobs/\(id)", as: fixture.bob)
        #expect(bobs.status == 404)
    }

    @Test("a transfer request without Idempotency-Key, from an inactive or another customer's endpoint, is refused naming the field")
    func refusedTransfers() throws {
        let source = try activeS3Endpoint(bucket: "alice-refused", prefix: "in/")
        let destination = try activeS3Endpoint(bucket: "alice-refused-out", prefix: "out/")
        let body = #"{"sourceEndpoint":"\#(source)","destinationEndpoint":"\#(destination)","path":"a.csv"}"#
        let jobsBefore = try fixture.items(of: "JobTable").count
        let noKey = try fixture.request("POST", "/transfers", as: fixture.alice, body: body)
        #expect(noKey.status == 400 && (noKey.json["message"] as? String)?.hasPrefix("Idempotency-Key:") == true)
        let escaping = try fixture.request(
            "POST", "/transfers", as: fixture.alice, body: body.replacingOccurrences(of: "a.csv", with: "../b.csv"), headers: [("Idempotency-Key", "k1")])
        #expect(escaping.status == 400 && (escaping.json["message"] as? String)?.hasPrefix("path:") == true)
        let asBob = try fixture.request("POST", "/transfers", as: fixture.bob, body: body, headers: [("Idempotency-Key", "k1")])
        #expect(asBob.status == 400 && (asBob.json["message"] as? String)?.hasPrefix("sourceEndpoint: no endpoint") == true, "\(asBob.text)")
        _ = try fixture.request("POST", "/endpoints/\(source)/deactivate", as: fixture.alice)
        let inactive = try fixture.request("POST", "/transfers", as: fixture.alice, body: body, headers: [("Idempotency-Key", "k1")])
        #expect(inactive.status == 400 && (inactive.json["message"] as? String)?.contains("is not active") == true)
        #expect(try fixture.items(of: "JobTable").count == jobsBefore)
    }

    /// Stores jobs of alice's from `endpoint` directly, `count` of them, a second apart.
    private func storeJobs(_ count: Int, from endpoint: String, states: [JobState]) throws -> [String] {
        let store = DynamoDBJobStore(dynamoDB: DynamoDBClient(client: fixture.client), table: "JobTable")
        let dynamoDB = DynamoDBClient(client: fixture.client)
        return try (0..<count).map { index in
            var job = Job(
                id: "job-\(endpoint)-\(index)", customer: fixture.alice.arn, sourceEndpoint: endpoint, destinationEndpoint: "ep-elsewhere",
                object: Job.Object(key: "in/file-\(index).csv", size: Int64(index), version: ""), flow: .s3ToS3,
                createdAt: String(format: "2030-01-01T00:%02d:%02dZ", index / 60, index % 60), by: "test")
            job.state = states[index % states.count]
            try dynamoDB.putItem(table: store.table, item: job.record)
            return job.id
        }
    }

    @Test("250 jobs are listed newest first in pages through opaque tokens; filters by state and endpoint; another customer sees none")
    func pagination() throws {
        let created = try fixture.request(
            "POST", "/endpoints", as: fixture.alice,
            body: #"{"type":"s3","bucket":"alice-many","region":"us-east-1","roleArn":"\#(fixture.roleARN)"}"#)
        let endpoint = try #require(created.json["id"] as? String)
        let ids = try storeJobs(250, from: endpoint, states: [.received, .queued, .failed, .succeeded, .running])

        var seen: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let query = "limit=100" + (token.map { "&nextToken=\($0)" } ?? "")
            let page = try fixture.request("GET", "/endpoints/\(endpoint)/jobs?\(query)", as: fixture.alice)
            #expect(page.status == 200, "\(page.text)")
            let jobs = page.json["jobs"] as? [[String: Any]] ?? []
            #expect(jobs.count <= 100)
            seen += jobs.compactMap { $0["id"] as? String }
            token = page.json["nextToken"] as? String
            pages += 1
        } while token != nil && pages < 10
        #expect(seen.count == 250 && Set(seen) == Set(ids))
        #expect(seen == ids.reversed(), "not newest first")
        #expect(pages == 3)

        let failed = try fixture.request("GET", "/jobs?state=FAILED&endpoint=\(endpoint)&limit=100", as: fixture.alice)
        let failedJobs = failed.json["jobs"] as? [[String: Any]] ?? []
        #expect(failedJobs.count == 50 && failedJobs.allSatisfy { $0["state"] as? String == "FAILED" }, "\(failed.text.prefix(300))")
        let recent = try fixture.request("GET", "/jobs?since=2030-01-01T00%3A04%3A00Z&endpoint=\(endpoint)", as: fixture.alice)
        #expect((recent.json["jobs"] as? [[String: Any]])?.count == 10, "\(recent.status) \(recent.text.prefix(400))")

        let first = try fixture.request("GET", "/jobs?limit=5", as: fixture.alice)
        let aliceToken = try #require(first.json["nextToken"] as? String)
        let stolen = try fixture.request("GET", "/jobs?limit=5&nextToken=\(aliceToken)", as: fixture.bob)
        #expect(stolen.status == 400 && (stolen.json["message"] as? String)?.hasPrefix("nextToken:") == true)
        let bobs = try fixture.request("GET", "/jobs?endpoint=\(endpoint)", as: fixture.bob)
        #expect(bobs.status == 200 && (bobs.json["jobs"] as? [Any])?.isEmpty == true)
        #expect(try fixture.request("GET", "/jobs/\(ids[0])", as: fixture.bob).status == 404)
        let mine = try fixture.request("GET", "/jobs/\(ids[0])", as: fixture.alice)
        #expect(mine.status == 200 && mine.json["key"] as? String == "in/file-0.csv")

        for (query, field) in [("state=DONE", "state:"), ("limit=0", "limit:"), ("limit=ten", "limit:"), ("since=yesterday", "since:"), ("colour=red", "colour:")] {
            let refused = try fixture.request("GET", "/jobs?\(query)", as: fixture.alice)
            #expect(refused.status == 400 && (refused.json["message"] as? String)?.hasPrefix(field) == true, "\(query): \(refused.text)")
        }
    }

    @Test("a job not yet finished is cancelled; a finished one answers 409; another customer's 404")
    func cancellation() throws {
        let ids = try storeJobs(2, from: "ep-00000000000000cancel", states: [.queued, .succeeded])
        let cancelled = try fixture.request("POST", "/jobs/\(ids[0])/cancel", as: fixture.alice)
        #expect(cancelled.status == 200 && cancelled.json["state"] as? String == "CANCELLED", "\(cancelled.text)")
        let again = try fixture.request("POST", "/jobs/\(ids[0])/cancel", as: fixture.alice)
        #expect(again.status == 409 && again.json["code"] as? String == "JobFinished")
        let finished = try fixture.request("POST", "/jobs/\(ids[1])/cancel", as: fixture.alice)
        #expect(finished.status == 409 && (finished.json["message"] as? String)?.contains("SUCCEEDED") == true)
        #expect(try fixture.request("POST", "/jobs/\(ids[1])/cancel", as: fixture.bob).status == 404)
    }
}
