import ArgumentParser
import MotoPeer
import Foundation

/// `chaos-bench`: the engine under blows. The same mixed load runs twice, first untouched, then
/// while a driver SIGKILLs functions and workers at random moments and a proxy fails S3, DynamoDB
/// and SQS requests at a set rate; the ground truth is then checked object by object and file by
/// file.
@main
struct ChaosBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos-bench",
        abstract: "Runs a mixed load while killing functions and workers and failing requests, then checks every byte.",
        discussion: """
            The load: a batch S3 → S3 execution of --objects objects through the emulator's state machine \
            (when it fails, redriven once and then run again in sync mode, as an operator would), and --files SFTP jobs through two TransferWorker \
            processes (half pulled from the partner's sshd into S3, half pushed from S3 to it). The chaos run \
            SIGKILLs a running TransferObject every --kill-every-ms and a worker every --worker-kill-every-ms on \
            average (a killed worker is replaced), and answers --fault-rate of all AWS requests with 503 SlowDown, 500 InternalError or a \
            connection reset. It prints jobs, kills, faults, lost, duplicated, partial, stuck and the time \
            against the untouched run, and exits 1 unless lost, duplicated, partial and stuck are all 0.
            """)

    @Option(help: "Objects in the batch execution.")
    var objects = 1_000

    @Option(help: "SFTP jobs through the workers (half pulls, half pushes).")
    var files = 20

    @Option(help: "The share of AWS requests answered with a fault.")
    var faultRate = 0.02

    @Option(help: "The mean interval between kills of a running TransferObject, in milliseconds.")
    var killEveryMs = 1_500

    @Option(help: "The mean interval between kills of a TransferWorker, in milliseconds.")
    var workerKillEveryMs = 4_000

    @Option(help: "The seed of the faults and the kills.")
    var seed: UInt64 = 1

    @Flag(help: "Skip the untouched run (no time ratio).")
    var noBaseline = false

    func run() throws {
        let world = try ChaosWorld()
        defer { world.stop() }
        var rows: [(String, String)] = []
        var baseline: Double?
        if !noBaseline {
            baseline = try measure(world: world, name: "calm", chaos: false).seconds
        }
        let chaos = try measure(world: world, name: "chaos", chaos: true)
        let truth = chaos.truth
        rows.append(("jobs (objects + files)", "\(objects) + \(files)"))
        rows.append(("kills (TransferObject / worker)", "\(chaos.kills.functions) / \(chaos.kills.workers)"))
        rows.append(("faults injected / requests", "\(chaos.faults) / \(chaos.requests)"))
        rows.append(("batch runs after the first (redrive, reruns)", chaos.redrives.map(String.init) ?? "never succeeded"))
        rows.append(("checked", "\(truth.checked)"))
        rows.append(("lost", "\(truth.lost)"))
        rows.append(
            ("duplicated", "\(truth.duplicated)" + truth.duplicates.prefix(3).map { " \($0.key) ×\($0.writes)" }.joined(separator: ",")))
        rows.append(("partial files", "\(truth.partial)"))
        rows.append(("stuck", "\(truth.stuck)"))
        if let baseline {
            rows.append(("time, chaos / untouched", String(format: "%.1f s / %.1f s (ratio %.2f)", chaos.seconds, baseline, chaos.seconds / baseline)))
        } else {
            rows.append(("time", String(format: "%.1f s", chaos.seconds)))
        }
        let width = rows.map(\.0.count).max() ?? 0
        for (name, value) in rows { print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
        guard truth.lost == 0, truth.duplicated == 0, truth.partial == 0, truth.stuck == 0 else {
            print("chaos-bench: NOT met: something was lost, duplicated, left partial or stuck")
            throw ExitCode(1)
        }
        print("chaos-bench: met: nothing lost, duplicated, partial or stuck")
    }

    struct Outcome {
        var seconds: Double
        var truth: GroundTruth
        var kills: (functions: Int, workers: Int)
        var faults: Int
        var requests: Int
        var redrives: Int?
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data("chaos-bench: \(line)\n".utf8))
    }

    private func measure(world: ChaosWorld, name: String, chaos: Bool) throws -> Outcome {
        let proxy = try world.proxy(rate: chaos ? faultRate : 0, seed: seed)
        defer { proxy.stop() }
        let load = ChaosLoad(world: world, proxy: proxy, name: name, objects: objects, files: files)
        try load.prepare()
        let killer = chaos ? Killer(functionInterval: killEveryMs, workerInterval: workerKillEveryMs, seed: seed) : nil
        let started = Date()
        let environment = world.workerEnvironment(endpoint: proxy.endpoint)
        let workers = try WorkerPool(count: 2) {
            try ChildProcess(executable: ChildProcess.built("TransferWorker"), environment: environment)
        }
        killer?.start(workers: workers)
        try load.enqueueFiles()
        let redrives = try load.runBatch(killer: killer)
        progress("\(name): batch execution \(redrives == nil ? "failed" : "succeeded"), waiting for the files")
        let deadline = Date().addingTimeInterval(300)
        while !GroundTruth.filesArrived(load), Date() < deadline { usleep(200_000) }
        killer?.stop()
        let seconds = Date().timeIntervalSince(started)
        progress("\(name): load finished in \(Int(seconds)) s; checking the ground truth")
        workers.stopAll()
        return Outcome(
            seconds: seconds, truth: try GroundTruth.check(load, batchFinished: redrives != nil),
            kills: killer?.kills ?? (0, 0), faults: proxy.faultsServed, requests: proxy.requestsSeen,
            redrives: redrives)
    }
}
