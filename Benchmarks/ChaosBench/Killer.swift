import Foundation
import Glibc
import MotoPeer
import SSHPeer
import Synchronization

/// The driver's victims and the blows dealt: at random moments it SIGKILLs a running
/// `TransferObject` of the emulator (as an out-of-memory kill would), every `functionInterval` on
/// average, and a `TransferWorker` (which the pool replaces, as ECS would) every `workerInterval`.
final class Killer: Sendable {
    private let emulator: Mutex<pid_t?> = Mutex(nil)
    private let running = Atomic<Bool>(false)
    private let functionKills = Atomic<Int>(0)
    private let workerKills = Atomic<Int>(0)
    private let functionInterval: Int
    private let workerInterval: Int
    private let draws: SeededDraws

    /// - Parameters: the mean intervals between kills of each kind, in milliseconds.
    init(functionInterval: Int, workerInterval: Int, seed: UInt64) {
        self.functionInterval = functionInterval
        self.workerInterval = workerInterval
        draws = SeededDraws(seed: seed)
    }

    var kills: (functions: Int, workers: Int) { (functionKills.load(ordering: .relaxed), workerKills.load(ordering: .relaxed)) }

    /// The emulator whose functions may be killed (nil between its runs).
    func target(emulator pid: pid_t?) {
        emulator.withLock { $0 = pid }
    }

    /// Deals blows on a thread of its own until ``stop()``.
    func start(workers: WorkerPool) {
        running.store(true, ordering: .relaxed)
        Thread.detachNewThread { [self] in
            var nextFunctionKill = Date().addingTimeInterval(delay(around: functionInterval))
            var nextWorkerKill = Date().addingTimeInterval(delay(around: workerInterval))
            while running.load(ordering: .relaxed) {
                usleep(20_000)
                let now = Date()
                if now >= nextFunctionKill {
                    nextFunctionKill = now.addingTimeInterval(delay(around: functionInterval))
                    if let victim = functionVictim(), kill(victim, SIGKILL) == 0 { functionKills.add(1, ordering: .relaxed) }
                }
                if now >= nextWorkerKill {
                    nextWorkerKill = now.addingTimeInterval(delay(around: workerInterval))
                    if workers.killOne(at: draws.index(below: 1_000)) { workerKills.add(1, ordering: .relaxed) }
                }
            }
        }
    }

    func stop() {
        running.store(false, ordering: .relaxed)
    }

    /// A running TransferObject process of the emulator, chosen at random.
    private func functionVictim() -> pid_t? {
        guard let emulator = emulator.withLock({ $0 }) else { return nil }
        let functions = SSHServer.descendants(of: emulator).filter { pid in
            (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.hasPrefix("TransferObject") == true
        }
        return functions.isEmpty ? nil : functions[draws.index(below: functions.count)]
    }

    /// Half to one and a half times `milliseconds`, in seconds.
    private func delay(around milliseconds: Int) -> TimeInterval {
        Double(milliseconds / 2 + draws.index(below: milliseconds)) / 1000
    }
}

/// The TransferWorker processes of a run; a killed one is replaced at once.
final class WorkerPool: Sendable {
    private let workers: Mutex<[ChildProcess]>
    private let start: @Sendable () throws -> ChildProcess

    init(count: Int, start: @escaping @Sendable () throws -> ChildProcess) throws {
        self.start = start
        workers = Mutex(try (0..<count).map { _ in try start() })
    }

    /// SIGKILLs the worker at `index` (modulo the pool) and starts its replacement.
    func killOne(at index: Int) -> Bool {
        workers.withLock { workers in
            guard !workers.isEmpty else { return false }
            let victim = workers[index % workers.count]
            victim.kill()
            guard let replacement = try? start() else { return true }
            workers[index % workers.count] = replacement
            return true
        }
    }

    /// Asks every worker to stop (SIGTERM, then SIGKILL after ten seconds).
    func stopAll() {
        workers.withLock { workers in
            for worker in workers { worker.stop() }
            workers.removeAll()
        }
    }
}
