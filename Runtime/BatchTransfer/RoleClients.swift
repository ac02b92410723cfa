#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import AWS
public import TransferCore

/// The function's own AWS client and the clients of the roles it assumes, built once per process
/// and reused by every invocation, so a warm function assumes each role once per credential
/// lifetime.
public struct RoleClients: Sendable {
    /// Signs with the function's own credentials (the execution role).
    public let own: AWSClient
    /// Signs as the source reader role, or as the function itself when none is configured; goes to
    /// the source's own endpoint and region when the settings name them.
    public let source: AWSClient
    /// Signs as the destination writer role, or as the function itself when none is configured.
    public let destination: AWSClient

    /// Reads the environment as the AWS SDKs do (`AWSClient.fromEnvironment`).
    /// - Parameter sessionName: the role session name, which CloudTrail shows (the function's name).
    public static func fromEnvironment(
        settings: BatchSettings, sessionName: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TransferError) -> RoleClients {
        let own: AWSClient
        do {
            own = try AWSClient.fromEnvironment(environment)
        } catch {
            throw TransferError(error, context: "setting up the AWS client")
        }
        let sourceRole = assuming(settings.sourceRole, from: own, sessionName: sessionName)
        let source =
            settings.sourceEndpointURL == nil && settings.sourceRegion == nil
            ? sourceRole
            : AWSClient(
                region: settings.sourceRegion ?? own.region, credentials: sourceRole.credentialProvider,
                endpoints: settings.sourceEndpointURL.map(EndpointResolver.init(allServices:)) ?? own.endpoints,
                retryPolicy: own.retryPolicy)
        return RoleClients(
            own: own, source: source,
            destination: assuming(settings.destinationRole, from: own, sessionName: sessionName))
    }

    private static func assuming(_ role: RoleReference?, from own: AWSClient, sessionName: String) -> AWSClient {
        guard let role else { return own }
        return own.with(
            credentials: AssumeRoleCredentialProvider.cached(
                sts: STSClient(client: own), roleARN: role.arn, sessionName: sessionName, externalID: role.externalID))
    }
}
