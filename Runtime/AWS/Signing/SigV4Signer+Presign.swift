#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Query signing (presigned URLs): the signature travels in the query string instead of headers,
/// so a URL can be handed to a client that has no credentials.
extension SigV4Signer {
    /// The longest lifetime AWS accepts for a presigned URL: seven days.
    public static let maximumPresignExpiry = 604_800

    /// Returns the complete query for a presigned URL: `request.query` followed by
    /// `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
    /// `X-Amz-SignedHeaders`, `X-Amz-Security-Token` (when the credentials carry one) and finally
    /// `X-Amz-Signature`. Render it with `URIEncoding.queryString(_:)`.
    ///
    /// The payload is always `UNSIGNED-PAYLOAD` (the body is unknown when the URL is made) and only
    /// `request.headers` are signed (normally just `Host`); the client must send exactly those.
    /// When `signsSessionToken` is false the token is appended after the signature instead.
    public func presignedQuery(
        request: SigningRequest, credentials: AWSCredentials, date: Date, expiresIn seconds: Int
    ) throws -> [(name: String, value: String)] {
        guard (1...Self.maximumPresignExpiry).contains(seconds) else {
            throw SigV4Error.invalidExpiry(seconds: seconds)
        }
        let amzDate = AmzDate(date)
        let signedHeaders = CanonicalHeaders(request.headers).signed
        var query = request.query + [
            ("X-Amz-Algorithm", Self.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(credentialScope(date: amzDate))"),
            ("X-Amz-Date", amzDate.timestamp),
            ("X-Amz-Expires", String(seconds)),
            ("X-Amz-SignedHeaders", signedHeaders),
        ]
        if let token = credentials.sessionToken, signsSessionToken {
            query.append(("X-Amz-Security-Token", token))
        }

        var signed = request
        signed.query = query
        signed.payloadHash = .unsignedPayload
        let stringToSign = try stringToSign(canonicalRequest: canonicalRequest(signed), date: amzDate)
        let key = try SigningKeyCache.shared.key(for: self, secretAccessKey: credentials.secretAccessKey, date: amzDate)
        query.append(("X-Amz-Signature", try signature(stringToSign: stringToSign, signingKey: key)))
        if let token = credentials.sessionToken, !signsSessionToken {
            query.append(("X-Amz-Security-Token", token))
        }
        return query
    }
}
