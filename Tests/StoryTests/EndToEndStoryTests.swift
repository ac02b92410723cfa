import AWS
import Foundation
import Jobs
import MotoPeer
import Testing

/// The engine's promise, as `make demo` tells it, under one `emulator start` of the product's
/// template: partner A drops files on its SFTP server; the pull schedule (PullTickRule's minute
/// tick, the Router, the worker's two listings) finds them once settled; the TransferWorker
/// service brings them into the landing bucket; each object's EventBridge event goes through
/// ObjectCreatedRule and the ingest queue to the Router, which has the worker push it to partner
/// B's SFTP server and JobStateMachine (the emulator's Step Functions API) copy it to the archive
/// account's bucket.
@Suite("The engine's story, end to end")
struct EndToEndStoryTests {
    @Test("each dropped file arrives byte-identical, exactly once, at partner B and in the archive account; every job SUCCEEDED in order, and notified")
    func story() async throws {
        try await offCooperativePool {
            let world = try StoryWorld()
            defer { world.stop() }
            let files = ["orders-2026-11.csv": TestPattern.bytes(count: 2_000, seed: 1), "stock.csv": TestPattern.bytes(count: 300_000, seed: 2)]
            for (name, bytes) in files { try Data(bytes).write(to: URL(fileURLWithPath: world.outbound + "/" + name)) }
            try Data("not matched by *.csv".utf8).write(to: URL(fileURLWithPath: world.outbound + "/notes.txt"))

            let emulator = try world.startEmulator([
                "--port", "0", "--events-port", "0", "--api-port", "0", "--states-port", "0",
                "--eventbridge-bucket", StoryWorld.landingBucket, "--parameter-overrides", "WorkerSubnetIds=subnet-local",
                "WorkerReceiveWaitSeconds=1", "DestinationWriterRoleArn=\(world.archiveRole)",
            ])
            defer { emulator.stop() }
            // The first tick comes a minute after the start, the worker's two listings 10 s apart.
            let jobs = try emulator.waitFor("six finished jobs", within: 300) { () throws -> [Job]? in
                let jobs = try world.jobs()
                if jobs.contains(where: { $0.state == .failed }) { return jobs }
                guard jobs.count >= 6, jobs.allSatisfy(\.state.isFinal) else {
                    usleep(500_000)
                    return nil
                }
                return jobs
            }
            #expect(jobs.allSatisfy { $0.state == .succeeded }, "\(jobs.map { "\($0.id) \($0.state) \($0.failure.map(String.init(describing:)) ?? "")" })")
            let routes = jobs.map { "\($0.sourceEndpoint)->\($0.destinationEndpoint) \(URL(fileURLWithPath: $0.object.key).lastPathComponent)" }
            #expect(routes.sorted() == files.keys.flatMap { name in
                ["landing->archive \(name)", "landing->partner-b-inbound \(name)", "partner-a-outbound->landing \(name)"]
            }.sorted(), "one job per file and destination")
            for job in jobs {
                #expect(job.history.map(\.state) == [.received, .queued, .running, .verifying, .succeeded], "\(job.id)")
                #expect(job.history.map(\.at) == job.history.map(\.at).sorted(), "\(job.id): transitions in time order")
            }

            #expect(try FileManager.default.contentsOfDirectory(atPath: world.inbound).sorted() == files.keys.sorted())
            let archive = S3Client(client: world.client(world.archiveCredentials))
            for (name, bytes) in files {
                #expect(FileManager.default.contents(atPath: world.inbound + "/" + name) == Data(bytes), "partner B's \(name)")
                #expect(try archive.getObject(bucket: StoryWorld.archiveBucket, key: "partner-a/" + name).body == bytes, "archived \(name)")
            }
            #expect(try world.archiveVersions().map(\.key).sorted() == files.keys.map { "partner-a/" + $0 }.sorted(), "each copy written once")

            let lines = emulator.lines
            let workerRuns = lines.filter { $0.contains(#""event":"job.started""#) }
            for job in jobs where job.destinationEndpoint != "archive" {
                #expect(workerRuns.filter { $0.contains(job.id) }.count == 1, "\(job.id): one worker run")
            }
            let copies = jobs.filter { $0.destinationEndpoint == "archive" }.map(\.id)
            let started = lines.filter { $0.contains("emulator: execution ") && $0.hasSuffix(" of JobStateMachine started") }
            #expect(started.count == copies.count && copies.allSatisfy { id in started.contains { $0.contains(" \(id) ") } }, "one execution per copy")

            let notified = try world.notifications()
            for job in jobs {
                let states = notified.filter { $0.job == job.id }.map(\.state)
                #expect(states.sorted() == job.history.map(\.state.rawValue).sorted(), "\(job.id): one notification per transition")
            }
        }
    }
}
