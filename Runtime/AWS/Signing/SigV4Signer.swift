/// Signs requests for one AWS service in one region with Signature Version 4.
///
/// The signer is a small immutable value so it can be shared freely across concurrent transfers.
/// Each documented SigV4 step is a separate pure method (in the `SigV4Signer+…` files) so every
/// intermediate result can be checked against AWS's test suite and logged when AWS answers
/// `SignatureDoesNotMatch`:
///
/// 1. `canonicalRequest(_:)`
/// 2. `stringToSign(canonicalRequest:date:)`
/// 3. `signingKey(secretAccessKey:date:)` and `signature(stringToSign:signingKey:)`
/// 4. `authorizationHeader(accessKeyID:date:signedHeaders:signature:)`
///
/// `sign(request:credentials:date:)` runs them all for header signing and
/// `presignedQuery(request:credentials:date:expiresIn:)` for presigned URLs.
public struct SigV4Signer: Sendable, Hashable {
    /// The only algorithm identifier SigV4 (as opposed to SigV4a) uses.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The signing name of the service, e.g. `s3`, `sqs`, `execute-api`.
    public let service: String
    /// The region in the credential scope, e.g. `us-east-1`.
    public let region: String
    /// Selects the canonical-path rule. `true` (every service except S3): the path is normalised
    /// (`.`/`..` resolved, `//` collapsed) and its encoded form encoded again. `false` (S3): the
    /// key is used exactly as given and encoded once, because `a//b` and `a/../b` are real keys.
    public let normalizesPath: Bool
    /// Whether `X-Amz-Security-Token` is part of the signature. AWS services accept a signed token
    /// and the SDKs sign it; a few endpoints (AWS IoT WebSocket URLs) require it to be appended
    /// after signing instead, which `false` does.
    public let signsSessionToken: Bool
    /// Whether `sign` adds and signs `x-amz-content-sha256`, which S3 requires on every request.
    public let sendsContentSHA256: Bool

    public init(
        service: String,
        region: String,
        normalizesPath: Bool = true,
        signsSessionToken: Bool = true,
        sendsContentSHA256: Bool = false
    ) {
        self.service = service
        self.region = region
        self.normalizesPath = normalizesPath
        self.signsSessionToken = signsSessionToken
        self.sendsContentSHA256 = sendsContentSHA256
    }

    /// The S3 configuration: keys used as given and `x-amz-content-sha256` sent and signed.
    public static func s3(region: String) -> SigV4Signer {
        SigV4Signer(service: "s3", region: region, normalizesPath: false, sendsContentSHA256: true)
    }
}
