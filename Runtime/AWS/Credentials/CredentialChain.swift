/// The default order of credential sources: environment variables (Lambda), then the container
/// endpoint (Fargate, ECS), each the way the AWS SDKs resolve them.
public enum CredentialChain {
    /// The first source the environment configures; container credentials come cached.
    public static func provider(environment: [String: String]) throws(AWSError) -> any CredentialProvider {
        let fromEnvironment = EnvironmentCredentialProvider(environment: environment)
        if fromEnvironment.isAvailable { return fromEnvironment }
        if let container = ContainerCredentialProvider(environment: environment) {
            return CachingCredentialProvider(container)
        }
        throw AWSError(
            service: "Credentials", operation: "CredentialChain", code: "CredentialsNotFound",
            message: "no credentials in the environment and no container credentials endpoint")
    }
}
