import Testing

/// One case of the suite with AWS's expected output of each signing step.
struct SuiteCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let request: SuiteRequest
    /// Expected canonical request (step 1).
    let creq: String
    /// Expected string to sign (step 2).
    let sts: String
    /// Expected `Authorization` header (step 4).
    let authz: String

    /// The `post-sts-*` cases are signed with the suite's session token.
    var usesSessionToken: Bool { name.hasPrefix("post-sts-") }

    /// In `post-sts-header-after` the token is added after signing, so it must not be signed.
    var signsSessionToken: Bool { name != "post-sts-header-after" }

    var testDescription: String { name }
}
