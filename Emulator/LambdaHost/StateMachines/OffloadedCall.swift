import Dispatch

/// Runs a blocking call (libcurl's easy interface) on a thread of its own and awaits it, so the
/// host's one event loop never waits for the network.
enum OffloadedCall {
    static func run<Result: Sendable, Failure: Error>(
        _ body: @escaping @Sendable () throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let outcome: Swift.Result<Result, Failure> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Swift.Result { () throws(Failure) -> Result in try body() })
            }
        }
        return try outcome.get()
    }
}
