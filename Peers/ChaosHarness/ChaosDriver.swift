import Foundation
import Glibc
import MotoPeer
public import SSHPeer
import Synchronization

/// Deals a plan's blows on a thread of its own, from ``start()`` to ``stop()``, to the run's
/// victims: the emulator running the batch (and its functions), the workers, the Router while it
/// routes, and the partner's sshd. A blow whose moment has come waits for a victim (a running
/// function, a batch in the Router, a session in sshd).
public final class ChaosDriver: Sendable {
    private let plan: ChaosPlan
    private let server: SSHServer
    private let workers: WorkerPool
    private let draws: SeededDraws
    private let emulator = Mutex<pid_t?>(nil)
    private let router = Mutex<RegionRouter?>(nil)
    private let dealt = Mutex<[Blow: Int]>([:])
    private let running = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    public init(plan: ChaosPlan, server: SSHServer, workers: WorkerPool) {
        self.plan = plan
        self.server = server
        self.workers = workers
        draws = SeededDraws(seed: plan.seed &+ 1)
    }

    /// The blows dealt so far, by kind.
    public var blows: [Blow: Int] { dealt.withLock { $0 } }

    /// The emulator running the batch (nil between its runs).
    func target(emulator pid: pid_t?) {
        emulator.withLock { $0 = pid }
    }

    /// The Router while it routes a batch (nil between batches).
    func target(router: RegionRouter?) {
        self.router.withLock { $0 = router }
    }

    public func start() {
        running.store(true, ordering: .relaxed)
        let started = Date()
        Thread.detachNewThread { [self] in
            var due: [Blow: [Date]] = [:]
            for blow in Blow.allCases {
                switch plan.paces[blow] {
                case .every(let milliseconds)?: due[blow] = [started.addingTimeInterval(delay(around: milliseconds))]
                case .times(let count, let seconds)?:
                    due[blow] = (0..<count).map { _ in started.addingTimeInterval(seconds * (0.1 + 0.8 * draws.unit())) }.sorted()
                case nil: break
                }
            }
            var stalledUntil: Date?
            let end = plan.blowSeconds.map { started.addingTimeInterval($0) } ?? .distantFuture
            while running.load(ordering: .relaxed) {
                usleep(20_000)
                let now = Date()
                guard now < end else { break }
                if let until = stalledUntil, now >= until {
                    server.signalAll(SIGCONT)
                    stalledUntil = nil
                }
                for blow in Blow.allCases {
                    guard let moment = due[blow]?.first, now >= moment else { continue }
                    if blow == .sshdStall || blow == .sshdKill, stalledUntil != nil { continue }
                    let hit = deal(blow)
                    if hit {
                        dealt.withLock { $0[blow, default: 0] += 1 }
                        if blow == .sshdStall { stalledUntil = now.addingTimeInterval(plan.stallSeconds) }
                    }
                    switch plan.paces[blow] {
                    case .every(let milliseconds)?: due[blow] = [now.addingTimeInterval(delay(around: milliseconds))]
                    default: if hit { due[blow]?.removeFirst() }
                    }
                }
            }
            if stalledUntil != nil { server.signalAll(SIGCONT) }
            done.signal()
        }
    }

    /// Stops dealing blows (a stalled sshd is continued) and waits for the driver's thread.
    public func stop() {
        guard running.exchange(false, ordering: .relaxed) else { return }
        done.wait()
    }

    /// Deals `blow` to a victim; false when there is none right now.
    private func deal(_ blow: Blow) -> Bool {
        switch blow {
        case .function:
            let functions = transferObjects()
            guard !functions.isEmpty else { return false }
            return kill(functions[draws.index(below: functions.count)], SIGKILL) == 0
        case .emulator:
            guard let host = emulator.withLock({ $0 }), !transferObjects().isEmpty else { return false }
            for process in SSHServer.descendants(of: host) { kill(process, SIGKILL) }
            return kill(host, SIGKILL) == 0
        case .worker:
            return workers.killOne(at: draws.index(below: 1_000))
        case .router:
            return router.withLock { $0 }?.killRouter() ?? false
        case .sshdStall:
            guard !SSHServer.descendants(of: server.processID).isEmpty else { return false }
            server.signalAll(SIGSTOP)
            return true
        case .sshdKill:
            guard !SSHServer.descendants(of: server.processID).isEmpty else { return false }
            return (try? server.restart()) != nil
        }
    }

    /// The running TransferObject processes of the batch's emulator.
    private func transferObjects() -> [pid_t] {
        guard let host = emulator.withLock({ $0 }) else { return [] }
        return processes(below: host, named: "TransferObject")
    }

    /// Half to one and a half times `milliseconds`, in seconds.
    private func delay(around milliseconds: Int) -> TimeInterval {
        Double(milliseconds / 2 + draws.index(below: milliseconds)) / 1000
    }
}
