/// Where `{{resolve:…}}` dynamic references and `AWS::SSM::Parameter::Value<…>` parameters are
/// read: SSM Parameter Store and Secrets Manager at the AWS endpoint in use (see
/// ``AWSDynamicReferences``), or a stand-in in tests.
public protocol DynamicReferenceSource: Sendable {
    /// An SSM parameter's value (a `StringList` as its comma-separated text).
    /// - Parameters:
    ///   - version: the parameter version, or nil for the latest.
    ///   - decrypt: whether a `SecureString` is decrypted (`ssm-secure`).
    func parameter(named name: String, version: String?, decrypt: Bool) throws -> String

    /// A secret's `SecretString`, at a version stage or version id when given (else `AWSCURRENT`).
    func secretString(id: String, versionStage: String?, versionID: String?) throws -> String
}
