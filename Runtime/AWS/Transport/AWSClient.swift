#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import HTTPTransport

/// The shared part of every service client: region, credentials, endpoints, retry policy and the
/// pools of connections.
///
/// Service clients (`S3Client`, `DynamoDBClient`, …) are thin values over one `AWSClient`, so they
/// share connections and one credentials cache. Calls block the calling thread (libcurl's easy
/// interface is synchronous, like the Lambda runtime loop); run concurrent transfers on threads of
/// their own. The client is `Sendable`: its pools and credential cache are locked.
public final class AWSClient: Sendable {
    public let region: String
    public let credentialProvider: any CredentialProvider
    public let endpoints: EndpointResolver
    public let retryPolicy: RetryPolicy
    let pool: HandlePool
    let connections: ConnectionPool

    /// - Parameters:
    ///   - region: e.g. `eu-west-1`; part of every signature and of the default endpoints.
    ///   - credentials: where signing credentials come from (see `CredentialChain`).
    ///   - endpoints: overrides for local or compatible servers.
    ///   - retryPolicy: attempts and backoff for transient failures.
    ///   - connectionOptions: timeouts and TLS settings for every connection.
    public convenience init(
        region: String, credentials: any CredentialProvider,
        endpoints: EndpointResolver = EndpointResolver(environment: [:]),
        retryPolicy: RetryPolicy = .standard, connectionOptions: ConnectionOptions = ConnectionOptions()
    ) {
        self.init(
            region: region, credentials: credentials, endpoints: endpoints, retryPolicy: retryPolicy,
            pool: HandlePool(options: connectionOptions.transport),
            connections: ConnectionPool(options: connectionOptions.transport))
    }

    init(
        region: String, credentials: any CredentialProvider, endpoints: EndpointResolver,
        retryPolicy: RetryPolicy, pool: HandlePool, connections: ConnectionPool
    ) {
        self.region = region
        self.credentialProvider = credentials
        self.endpoints = endpoints
        self.retryPolicy = retryPolicy
        self.pool = pool
        self.connections = connections
    }

    /// The client a Lambda function or Fargate task wants: region from `AWS_REGION` (or
    /// `AWS_DEFAULT_REGION`), credentials from the default chain, endpoint overrides from
    /// `AWS_ENDPOINT_URL[_<SERVICE>]`, and the CA bundle from `AWS_CA_BUNDLE`, as the AWS SDKs
    /// read them (an HTTPS endpoint behind a private CA, a TLS-inspecting proxy).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        retryPolicy: RetryPolicy
    ) throws(AWSError) -> AWSClient {
        let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
        var connectionOptions = ConnectionOptions()
        if let caBundle = environment["AWS_CA_BUNDLE"], !caBundle.isEmpty { connectionOptions.caBundlePath = caBundle }
        return AWSClient(
            region: region, credentials: try CredentialChain.provider(environment: environment),
            endpoints: EndpointResolver(environment: environment),
            retryPolicy: retryPolicy, connectionOptions: connectionOptions)
    }

    /// The same with the standard retry policy, or `AWS_MAX_ATTEMPTS` attempts when that is set.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AWSError) -> AWSClient {
        try fromEnvironment(environment, retryPolicy: .standard(environment: environment))
    }

    /// The same client with other credentials (an assumed role), sharing the connections.
    public func with(credentials: any CredentialProvider) -> AWSClient {
        AWSClient(
            region: region, credentials: credentials, endpoints: endpoints, retryPolicy: retryPolicy, pool: pool,
            connections: connections)
    }

    /// The same client with another retry policy, sharing the connections.
    public func with(retryPolicy: RetryPolicy) -> AWSClient {
        AWSClient(
            region: region, credentials: credentialProvider, endpoints: endpoints, retryPolicy: retryPolicy, pool: pool,
            connections: connections)
    }
}
