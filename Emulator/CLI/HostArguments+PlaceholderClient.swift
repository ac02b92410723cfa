import AWS
import Foundation

extension HostArguments {
    /// The emulator's AWS client, or, when the environment holds no credentials, one that signs
    /// with a placeholder key: commands that reach AWS only for some events (replay, a dry run)
    /// still run, and say once that queues and topics will refuse them.
    func makeAWSClientOrPlaceholder() -> AWSClient {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_REGION"] = resolvedRegion
        if let endpointURL { environment["AWS_ENDPOINT_URL"] = endpointURL }
        do {
            return try AWSClient.fromEnvironment(environment)
        } catch {
            StandardError.write("emulator: \(error.message); queue and topic targets (and S3 reads and writes of state machines) will fail")
            return AWSClient(
                region: resolvedRegion,
                credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDNOCREDENTIALS", secretAccessKey: "none")),
                endpoints: EndpointResolver(environment: environment))
        }
    }
}
