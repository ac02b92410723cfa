import Foundation

/// Runs blocking test work (a child process to wait for, libcurl and libssh2 calls, a gigabyte to
/// stream) on a thread of its own and awaits it.
///
/// Swift Testing calls even synchronous tests from Swift's cooperative pool, which has one thread
/// per core: two here. A test that blocks one of them for seconds starves every async test running
/// beside it, and their timeouts fire late or not at all. Long blocking tests go through this.
public func offCooperativePool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}
