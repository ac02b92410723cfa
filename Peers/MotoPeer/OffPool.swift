import Foundation

/// Runs blocking test work (a child process to wait for, libcurl and libssh2 calls, a gigabyte to
/// stream) on a thread of its own and awaits it.
///
/// Swift Testing calls even synchronous tests from Swift's cooperative pool, which has one thread
/// per core: two here. A test that blocks one of them for seconds starves every async test running
/// beside it, and their timeouts fire late or not at all. Long blocking tests go through this. The
/// work stays in the calling task (only its executor changes), so `#expect` inside it is still
/// recorded against the test that runs it.
public func offCooperativePool<Value: Sendable>(_ body: @Sendable () throws -> Value) async throws -> Value {
    try await withTaskExecutorPreference(ThreadPerJobExecutor.shared) { try body() }
}

/// A task executor that runs every job on a new thread, so blocking jobs never wait for each other.
final class ThreadPerJobExecutor: TaskExecutor {
    static let shared = ThreadPerJobExecutor()

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        Thread.detachNewThread { job.runSynchronously(on: executor) }
    }
}
