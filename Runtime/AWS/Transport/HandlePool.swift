import HTTPTransport
import Synchronization

/// Idle libcurl handles kept for reuse, so consecutive calls on one thread, and calls from several
/// threads, reuse warm connections instead of opening a TLS session per request.
///
/// A handle is not thread-safe; the pool hands each one to a single caller at a time, which is
/// the whole of the `@unchecked Sendable` reasoning for `PooledHandle`.
final class HandlePool: Sendable {
    private let idle = Mutex<[PooledHandle]>([])
    private let options: TransportOptions
    /// More idle handles than this are closed rather than kept.
    private let maximumIdle: Int

    init(options: TransportOptions, maximumIdle: Int = 16) {
        self.options = options
        self.maximumIdle = maximumIdle
    }

    /// Runs `body` with a handle taken from the pool (or a new one) and returns it afterwards.
    func withHandle<R>(_ body: (CurlStreamingEasy) throws(AWSTransportError) -> R) throws(AWSTransportError) -> R {
        let pooled: PooledHandle
        if let reused = idle.withLock({ $0.popLast() }) {
            pooled = reused
        } else {
            do {
                pooled = PooledHandle(easy: try CurlStreamingEasy(options: options))
            } catch {
                throw AWSTransportError(failure: StreamingFailure(underlying: error, bytesDelivered: 0))
            }
        }
        defer {
            idle.withLock { handles in
                if handles.count < maximumIdle { handles.append(pooled) }
            }
        }
        return try body(pooled.easy)
    }
}

/// A handle in transit between the pool and the one caller using it.
final class PooledHandle: @unchecked Sendable {
    let easy: CurlStreamingEasy

    init(easy: CurlStreamingEasy) {
        self.easy = easy
    }
}

/// A transport-level failure before any AWS error document exists.
struct AWSTransportError: Error {
    let failure: StreamingFailure
}
