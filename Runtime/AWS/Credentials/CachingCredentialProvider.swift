#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import Synchronization

/// Keeps fetched credentials until shortly before they expire, and refreshes them once however
/// many threads ask at the same moment.
///
/// The refresh happens while holding the lock: concurrent callers wait for the one fetch instead
/// of each calling STS or the container endpoint (which would be throttled at Lambda fan-out).
public final class CachingCredentialProvider: CredentialProvider {
    private let upstream: any CredentialProvider
    private let refreshMargin: Duration
    private let now: @Sendable () -> Date
    private let cached = Mutex<ExpiringCredentials?>(nil)

    /// - Parameters:
    ///   - upstream: the provider that fetches.
    ///   - refreshMargin: how long before expiry to fetch new credentials (5 minutes, like the SDKs,
    ///     so a request signed now is not rejected in flight).
    ///   - now: the clock, injectable for tests.
    public init(
        _ upstream: any CredentialProvider, refreshMargin: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.upstream = upstream
        self.refreshMargin = refreshMargin
        self.now = now
    }

    public func resolve() throws(AWSError) -> ExpiringCredentials {
        try cached.withLock { (current: inout ExpiringCredentials?) throws(AWSError) -> ExpiringCredentials in
            if let current, isFresh(current) { return current }
            let fetched = try upstream.resolve()
            current = fetched
            return fetched
        }
    }

    /// Drops the cached credentials, e.g. after AWS rejected them as expired.
    public func invalidate() {
        cached.withLock { $0 = nil }
    }

    /// Drops the cached credentials if they are still `rejected`. When many calls fail with the same
    /// expired credentials at once, the first one to get here clears the cache and the others keep
    /// the fresh credentials it fetched instead of fetching again.
    public func invalidate(rejected: AWSCredentials) {
        cached.withLock { current in
            if current?.credentials == rejected { current = nil }
        }
    }

    private func isFresh(_ credentials: ExpiringCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        let margin = Double(refreshMargin.components.seconds)
        return expiration.timeIntervalSince(now()) > margin
    }
}
