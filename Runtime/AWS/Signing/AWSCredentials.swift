/// The long-term or temporary credentials a request is signed with.
///
/// Lambda functions receive temporary credentials (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
/// `AWS_SESSION_TOKEN`), so the session token is first-class here: when present the signer adds
/// `X-Amz-Security-Token`. The type is `Sendable` so one value can be shared by concurrent
/// transfers.
public struct AWSCredentials: Sendable, Hashable {
    /// The access key ID, which appears in clear in the `Credential=` part of every signature.
    public let accessKeyID: String
    /// The secret key; it only ever feeds the signing-key derivation and is never emitted.
    public let secretAccessKey: String
    /// The STS session token for temporary credentials, `nil` for long-term keys.
    public let sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

extension AWSCredentials: CustomStringConvertible {
    /// Redacts the secret and the token so credentials can be logged or interpolated by
    /// accident without leaking them into CloudWatch.
    public var description: String {
        let token = sessionToken == nil ? "none" : "<redacted>"
        return "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>, sessionToken: \(token))"
    }
}
