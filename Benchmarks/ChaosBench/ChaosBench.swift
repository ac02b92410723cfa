import ArgumentParser
import ChaosHarness
import Foundation

/// `chaos-bench`: the engine under blows. The same mixed load runs twice, first untouched, then
/// while a driver SIGKILLs functions, the emulator, workers, the Router and sshd, stalls sshd, and
/// a proxy fails S3, DynamoDB and SQS requests at a set rate; the ground truth is then checked
/// object by object and file by file.
@main
struct ChaosBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos-bench",
        abstract: "Runs a mixed load while killing functions, the emulator, workers, Routers and sshd and failing requests, then checks every byte.",
        discussion: """
            The load: a batch S3 → S3 execution of --objects objects through the emulator's state machine \
            (when it fails, redriven, then run again in sync mode, as an operator would), --events S3 events \
            through the Router (each becomes a job a worker copies to an archive bucket), and --files SFTP jobs \
            through two TransferWorker processes (half pulled from the partner's sshd into S3, half pushed from \
            S3 to it). The chaos run SIGKILLs a running TransferObject every --kill-every-ms, a worker every \
            --worker-kill-every-ms and the routing Router every --router-kill-every-ms on average (a killed \
            worker is replaced), kills the batch's emulator with its functions once mid-Map (the execution is \
            then redriven), stalls sshd with SIGSTOP for --stall-seconds every --sshd-stall-every-ms and kills \
            it mid-transfer every --sshd-kill-every-ms (it restarts on the same port), and answers --fault-rate \
            of all AWS requests with 503 SlowDown, 500 InternalError or a connection reset. Blows stop after \
            --blow-seconds (by default the untouched run's time), as an outage ends, and the engine recovers \
            before the check; faults go on to the end. It prints jobs, \
            blows by kind, faults, lost, duplicated, partial, stuck and the time against the untouched run, \
            and exits 1 unless lost, duplicated, partial and stuck are all 0.
            """)

    @Option(help: "Objects in the batch execution.")
    var objects = 1_000

    @Option(help: "Objects created in the customer's landing bucket, routed as S3 events.")
    var events = 200

    @Option(help: "SFTP jobs through the workers (half pulls, half pushes).")
    var files = 20

    @Option(help: "Objects per child execution of the batch copy.")
    var batchItems = 50

    @Option(help: "The share of AWS requests answered with a fault.")
    var faultRate = 0.02

    @Option(help: "The mean interval between kills of a running TransferObject, in milliseconds.")
    var killEveryMs = 1_500

    @Option(help: "The mean interval between kills of a TransferWorker, in milliseconds.")
    var workerKillEveryMs = 4_000

    @Option(help: "The mean interval between kills of the Router while it routes, in milliseconds.")
    var routerKillEveryMs = 5_000

    @Option(help: "The mean interval between stalls of sshd, in milliseconds.")
    var sshdStallEveryMs = 8_000

    @Option(help: "How long each stall of sshd lasts, in seconds.")
    var stallSeconds = 3.0

    @Option(help: "The mean interval between kills of sshd mid-transfer, in milliseconds.")
    var sshdKillEveryMs = 12_000

    @Option(help: "Seconds from the start during which blows are dealt (default: the untouched run's time, or the whole run with --no-baseline); then the engine recovers before the ground truth is checked.")
    var blowSeconds: Double?

    @Option(help: "The seed of the faults and the blows.")
    var seed: UInt64 = 1

    @Flag(help: "Skip the untouched run (no time ratio; the emulator is killed within the first 30 s).")
    var noBaseline = false

    func run() throws {
        let world = try ChaosWorld(batchItems: batchItems)
        defer { world.stop() }
        var baseline: ChaosRun.Outcome?
        if !noBaseline {
            baseline = try ChaosRun(name: "calm", objects: objects, events: events, files: files).run(in: world, plan: nil, progress: progress)
        }
        let plan = ChaosPlan(
            paces: [
                .function: .every(milliseconds: killEveryMs), .worker: .every(milliseconds: workerKillEveryMs),
                .router: .every(milliseconds: routerKillEveryMs), .sshdStall: .every(milliseconds: sshdStallEveryMs),
                .sshdKill: .every(milliseconds: sshdKillEveryMs), .emulator: .times(1, within: baseline?.batchSeconds ?? 30),
            ],
            faultRate: faultRate, stallSeconds: stallSeconds, blowSeconds: blowSeconds ?? baseline?.seconds, seed: seed)
        let chaos = try ChaosRun(name: "chaos", objects: objects, events: events, files: files).run(in: world, plan: plan, progress: progress)
        let truth = chaos.truth
        var rows: [(String, String)] = []
        rows.append(("jobs (objects + events + files)", "\(objects) + \(events) + \(files)"))
        for blow in Blow.allCases { rows.append(("blows: \(blow.rawValue)", "\(chaos.blows[blow] ?? 0)")) }
        rows.append(("faults injected / requests", "\(chaos.faults) / \(chaos.requests)"))
        rows.append(("batch runs after the first (redrive, reruns)", chaos.redrives.map(String.init) ?? "never succeeded"))
        rows.append(("checked", "\(truth.checked)"))
        rows.append(("lost", "\(truth.lost)"))
        rows.append(
            ("duplicated", "\(truth.duplicated)" + truth.duplicates.prefix(3).map { " \($0.key) ×\($0.writes)" }.joined(separator: ",")))
        rows.append(("partial files", "\(truth.partial)"))
        rows.append(("stuck", "\(truth.stuck)"))
        if let baseline {
            rows.append(
                ("time, chaos / untouched",
                 String(format: "%.1f s / %.1f s (ratio %.2f)", chaos.seconds, baseline.seconds, chaos.seconds / baseline.seconds)))
        } else {
            rows.append(("time", String(format: "%.1f s", chaos.seconds)))
        }
        let width = rows.map(\.0.count).max() ?? 0
        for (name, value) in rows { print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
        for finding in truth.findings.prefix(10) { progress(finding) }
        guard truth.lost == 0, truth.duplicated == 0, truth.partial == 0, truth.stuck == 0 else {
            print("chaos-bench: NOT met: something was lost, duplicated, left partial or stuck")
            throw ExitCode(1)
        }
        print("chaos-bench: met: nothing lost, duplicated, partial or stuck")
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data("chaos-bench: \(line)\n".utf8))
    }
}
