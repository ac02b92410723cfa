import Dispatch
public import SFTP
import Synchronization

/// Caps the SFTP sessions this process holds open to each partner endpoint at once.
///
/// Partners limit sessions (OpenSSH's `MaxStartups`, providers' per-account caps), and a worker
/// running several transfers must not exceed them. Transfers block their thread while they wait
/// for a free session: they are blocking work on threads of their own (libssh2, libcurl), so a
/// counting semaphore per endpoint is the fitting tool, not an actor on the cooperative pool.
/// Share one limiter among every transfer of the process.
public final class SFTPSessionLimiter: Sendable {
    /// Sessions allowed per endpoint (`host:port`).
    public let sessionsPerEndpoint: Int
    private let semaphores = Mutex<[String: DispatchSemaphore]>([:])

    public init(sessionsPerEndpoint: Int) {
        self.sessionsPerEndpoint = max(1, sessionsPerEndpoint)
    }

    /// Waits for a free session slot to `configuration`'s endpoint, connects, runs `body` with the
    /// SFTP session and disconnects, freeing the slot also when `body` throws.
    public func withSession<R>(_ configuration: SSHConfiguration, _ body: (SFTPSession) throws -> R) throws -> R {
        let semaphore = semaphore(for: "\(configuration.host):\(configuration.port)")
        semaphore.wait()
        defer { semaphore.signal() }
        return try withSFTPSession(configuration, body)
    }

    private func semaphore(for endpoint: String) -> DispatchSemaphore {
        semaphores.withLock { table in
            if let existing = table[endpoint] { return existing }
            let created = DispatchSemaphore(value: sessionsPerEndpoint)
            table[endpoint] = created
            return created
        }
    }
}
