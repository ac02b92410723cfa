import Glibc
public import MotoPeer
import Synchronization

/// The TransferWorker processes of a run; a killed one is replaced at once, as ECS would.
public final class WorkerPool: Sendable {
    private let workers: Mutex<[ChildProcess]>
    private let start: @Sendable () throws -> ChildProcess

    public init(count: Int, start: @escaping @Sendable () throws -> ChildProcess) throws {
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
    public func stopAll() {
        workers.withLock { workers in
            for worker in workers { worker.stop() }
            workers.removeAll()
        }
    }
}
