#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A source of signing credentials, asked before every request attempt.
///
/// Fetching providers (container endpoint, AssumeRole) are wrapped in `CachingCredentialProvider`,
/// so asking is cheap and the network is touched only near expiry.
public protocol CredentialProvider: Sendable {
    func resolve() throws(AWSError) -> ExpiringCredentials
}

/// Credentials and when they stop working (nil for long-term keys).
public struct ExpiringCredentials: Sendable, Hashable {
    public var credentials: AWSCredentials
    public var expiration: Date?

    public init(credentials: AWSCredentials, expiration: Date? = nil) {
        self.credentials = credentials
        self.expiration = expiration
    }
}

/// Fixed credentials, e.g. from a test or a configuration file read elsewhere.
public struct StaticCredentialProvider: CredentialProvider {
    public let credentials: AWSCredentials

    public init(_ credentials: AWSCredentials) {
        self.credentials = credentials
    }

    public func resolve() throws(AWSError) -> ExpiringCredentials {
        ExpiringCredentials(credentials: credentials)
    }
}
