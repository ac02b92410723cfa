/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`: what Lambda gives a
/// function (temporary role credentials, valid for the life of the execution environment).
public struct EnvironmentCredentialProvider: CredentialProvider {
    private let credentials: AWSCredentials?

    /// Reads the variables once; Lambda does not change them during the environment's life.
    public init(environment: [String: String]) {
        if let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty,
            let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        {
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            credentials = AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
        } else {
            credentials = nil
        }
    }

    /// Whether the environment held a key pair.
    public var isAvailable: Bool { credentials != nil }

    public func resolve() throws(AWSError) -> ExpiringCredentials {
        guard let credentials else {
            throw AWSError(
                service: "Credentials", operation: "Environment", code: "CredentialsNotFound",
                message: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set")
        }
        return ExpiringCredentials(credentials: credentials)
    }
}
