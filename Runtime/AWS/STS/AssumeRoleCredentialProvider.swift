/// Credentials for a role, obtained with STS `AssumeRole` using the credentials of `sts`'s client.
///
/// Fetches on every `resolve()`; use `AssumeRoleCredentialProvider.cached(…)` (or wrap it in
/// `CachingCredentialProvider`) so the role is assumed once per credential lifetime, however many
/// threads sign at once.
public struct AssumeRoleCredentialProvider: CredentialProvider {
    public let roleARN: String
    public let sessionName: String
    public let externalID: String?
    public let durationSeconds: Int?
    private let sts: STSClient

    public init(
        sts: STSClient, roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil
    ) {
        self.sts = sts
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
    }

    /// The provider wrapped in a cache that refreshes five minutes before expiry.
    public static func cached(
        sts: STSClient, roleARN: String, sessionName: String, externalID: String? = nil
    ) -> CachingCredentialProvider {
        CachingCredentialProvider(
            AssumeRoleCredentialProvider(sts: sts, roleARN: roleARN, sessionName: sessionName, externalID: externalID))
    }

    public func resolve() throws(AWSError) -> ExpiringCredentials {
        try sts.assumeRole(
            roleARN: roleARN, sessionName: sessionName, externalID: externalID, durationSeconds: durationSeconds
        ).credentials
    }
}
