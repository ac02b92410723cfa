import Foundation
import Events
import MotoPeer
import Synchronization

/// One run of the mixed load in a world: untouched (no plan) or under a plan's blows and faults.
/// The batch execution runs to its end (with an operator's remedies), the Router routes every S3
/// event (a batch its Router died in, or that it could not fully route, is handed to it again,
/// as the ingest queue's mapping would after the visibility timeout), and the workers finish
/// their jobs; then the ground truth is checked.
public struct ChaosRun: Sendable {
    public var name: String
    public var objects: Int
    public var events: Int
    public var files: Int

    public init(name: String, objects: Int, events: Int, files: Int) {
        self.name = name
        self.objects = objects
        self.events = events
        self.files = files
    }

    public struct Outcome: Sendable {
        public var seconds: Double
        /// How long the batch execution took (all its runs) and the SFTP jobs, from the start.
        public var batchSeconds: Double
        public var filesSeconds: Double
        public var truth: GroundTruth
        public var blows: [Blow: Int]
        public var faults: Int
        public var requests: Int
        /// The batch runs after the first (redrive, reruns); nil when none succeeded.
        public var redrives: Int?
    }

    /// Runs the load in `world` under `plan` (untouched when nil); `progress` hears what happens.
    public func run(in world: ChaosWorld, plan: ChaosPlan?, progress: (String) -> Void) throws -> Outcome {
        let proxy = try world.proxy(rate: plan?.faultRate ?? 0, seed: plan?.seed ?? 1)
        defer { proxy.stop() }
        let load = ChaosLoad(world: world, proxy: proxy, name: name, objects: objects, events: events, files: files)
        try load.prepare()
        let batches = try load.ingestBatches(seed: plan?.seed ?? 1)
        let environment = world.workerEnvironment(endpoint: proxy.endpoint)
        let host = try RegionHost(
            region: world.account.region, account: world.account, endpoint: proxy.endpoint, environment: ["AWS_ENDPOINT_URL": proxy.endpoint],
            parameters: world.parameters)
        defer { host.stop() }
        let workers = try WorkerPool(count: 2) {
            try ChildProcess(executable: ChildProcess.built("TransferWorker"), environment: environment)
        }
        defer { workers.stopAll() }
        let driver = plan.map { ChaosDriver(plan: $0, server: world.server, workers: workers) }
        let started = Date()
        driver?.start()
        defer { driver?.stop() }
        try load.enqueueFiles()
        let routing = Thread { Self.route(batches, through: host.router, driver: driver) }
        routing.start()
        let filesArrived = Mutex<Double?>(nil)
        let watch = Thread {
            let deadline = Date().addingTimeInterval(600)
            while !GroundTruth.filesArrived(load), Date() < deadline { usleep(200_000) }
            filesArrived.withLock { $0 = Date().timeIntervalSince(started) }
        }
        watch.start()
        let redrives = try load.runBatch(driver: driver)
        let batchSeconds = Date().timeIntervalSince(started)
        progress("\(name): batch execution \(redrives == nil ? "failed" : "succeeded") in \(Int(batchSeconds)) s; waiting for the routed and SFTP jobs")
        let deadline = Date().addingTimeInterval(600)
        while !routing.isFinished || !watch.isFinished || !GroundTruth.routedJobsFinished(load), Date() < deadline { usleep(200_000) }
        driver?.stop()
        let seconds = Date().timeIntervalSince(started)
        progress("\(name): load finished in \(Int(seconds)) s; checking the ground truth")
        workers.stopAll()
        return Outcome(
            seconds: seconds, batchSeconds: batchSeconds,
            filesSeconds: filesArrived.withLock { $0 } ?? seconds, truth: try GroundTruth.check(load, batchFinished: redrives != nil),
            blows: driver?.blows ?? [:], faults: proxy.faultsServed, requests: proxy.requestsSeen, redrives: redrives)
    }

    /// Hands each batch to the Router until every record is routed (for at most ten minutes):
    /// records it reported as failed, or all of a batch it died in, go again a second later.
    private static func route(_ batches: [SQSEvent], through router: RegionRouter, driver: ChaosDriver?) {
        var pending = batches
        let deadline = Date().addingTimeInterval(600)
        while !pending.isEmpty, Date() < deadline {
            pending = pending.compactMap { batch in
                driver?.target(router: router)
                let answer = router.route(batch)
                driver?.target(router: nil)
                let failed = Set((answer?.batchItemFailures ?? batch.records.map { .init(itemIdentifier: $0.messageId) }).map(\.itemIdentifier))
                let left = batch.records.filter { failed.contains($0.messageId) }
                return left.isEmpty ? nil : SQSEvent(records: left)
            }
            if !pending.isEmpty { Thread.sleep(forTimeInterval: 1) }
        }
    }
}
