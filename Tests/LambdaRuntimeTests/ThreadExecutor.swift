import Foundation

/// A task executor with one thread of its own, for tests that make blocking Runtime API calls.
///
/// The runtime's libcurl calls block the thread they run on, which is right in a Lambda sandbox but
/// would starve Swift's small cooperative pool in a test process whose server also needs it. Running
/// the client under this executor keeps the blocking off the pool.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    init() {
        Thread.detachNewThread { [self] in
            while true {
                condition.lock()
                while jobs.isEmpty { condition.wait() }
                let job = jobs.removeFirst()
                condition.unlock()
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// One executor shared by the suite: its thread lives as long as the test process.
    static let shared = ThreadExecutor()
}

/// Runs `body` with its blocking calls on ``ThreadExecutor/shared``.
func offCooperativePool<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    try await withTaskExecutorPreference(ThreadExecutor.shared) { try await body() }
}
