#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Header signing: all four steps in one call.
extension SigV4Signer {
    /// Signs `request` at `date` and returns the headers to add to it, in this order:
    /// `Authorization`, `X-Amz-Date`, `x-amz-content-sha256` (when `sendsContentSHA256`) and
    /// `X-Amz-Security-Token` (when the credentials carry a session token).
    ///
    /// The signer owns those headers: any header of the request with one of those names is left out
    /// of the signature and must be replaced by the returned one, so a request can be re-signed
    /// (e.g. on retry) without stale values leaking into the new signature.
    public func sign(
        request: SigningRequest, credentials: AWSCredentials, date: Date
    ) throws -> [(name: String, value: String)] {
        let amzDate = AmzDate(date)
        var signedAdditions: [(name: String, value: String)] = [("X-Amz-Date", amzDate.timestamp)]
        var ownedNames = ["authorization", "x-amz-date"]
        if sendsContentSHA256 {
            signedAdditions.append(("x-amz-content-sha256", request.payloadHash.value))
            ownedNames.append("x-amz-content-sha256")
        }
        var unsignedAdditions: [(name: String, value: String)] = []
        if let token = credentials.sessionToken {
            ownedNames.append("x-amz-security-token")
            if signsSessionToken {
                signedAdditions.append(("X-Amz-Security-Token", token))
            } else {
                unsignedAdditions.append(("X-Amz-Security-Token", token))
            }
        }

        var signed = request
        signed.headers = request.headers.filter { header in !ownedNames.contains { header.name.equalsIgnoringASCIICase($0) } }
            + signedAdditions
        let headers = CanonicalHeaders(signed.headers)
        let stringToSign = try stringToSign(canonicalRequest: canonicalRequest(signed, headers: headers), date: amzDate)
        let key = try SigningKeyCache.shared.key(for: self, secretAccessKey: credentials.secretAccessKey, date: amzDate)
        let authorization = authorizationHeader(
            accessKeyID: credentials.accessKeyID, date: amzDate, signedHeaders: headers.signed,
            signature: try signature(stringToSign: stringToSign, signingKey: key))
        return [("Authorization", authorization)] + signedAdditions + unsignedAdditions
    }
}
