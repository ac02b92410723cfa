import AWS
import Foundation

/// Checks a request's SigV4 `Authorization` header the way API Gateway checks `AWS_IAM` routes:
/// the same canonical request, string to sign and signature as the signer (``SigV4Signer``'s own
/// steps), the key looked up among ``CallerCredentials``, the scope bound to `execute-api` and
/// the region, and the time within five minutes of now.
struct SignatureCheck: Sendable {
    let callers: CallerCredentials
    let region: String

    /// How far a request's `X-Amz-Date` may be from now.
    static let allowedSkew = 5 * 60

    /// The caller whose key signed `request`, or API Gateway's refusal.
    func caller(of request: GatewayRequest, now: Date) -> Result<CallerCredentials.Caller, GatewayError> {
        guard let authorization = Self.header("authorization", in: request.headers) else { return .failure(.missingAuthenticationToken) }
        guard let parsed = AuthorizationHeader(authorization) else { return .failure(.incompleteSignature(authorization: authorization)) }
        guard let dateText = Self.header("x-amz-date", in: request.headers) else {
            return .failure(.incompleteSignature(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=\(authorization)"))
        }
        guard let date = AmzDate(timestamp: dateText) else {
            return .failure(.incompleteSignature("Date must be in ISO-8601 'basic format'. Got '\(dateText)'."))
        }
        let scope = parsed.scope
        guard scope.count == 4, scope[3] == "aws4_request" else {
            return .failure(.incompleteSignature(authorization: authorization))
        }
        guard scope[2] == "execute-api" else { return .failure(.invalidSignature("Credential should be scoped to correct service: 'execute-api'. ")) }
        guard scope[1] == region else { return .failure(.invalidSignature("Credential should be scoped to a valid region. ")) }
        guard scope[0] == date.dateStamp else {
            return .failure(.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(scope[0])' != '\(date.dateStamp)', from '\(dateText)'."))
        }
        let seconds = Int(now.timeIntervalSince1970.rounded(.down))
        if date.secondsSinceEpoch < seconds - Self.allowedSkew {
            let earliest = AmzDate(Date(timeIntervalSince1970: Double(seconds - Self.allowedSkew))).timestamp
            return .failure(.invalidSignature("Signature expired: \(dateText) is now earlier than \(earliest) (\(AmzDate(now).timestamp) - 5 min.)"))
        }
        if date.secondsSinceEpoch > seconds + Self.allowedSkew {
            let latest = AmzDate(Date(timeIntervalSince1970: Double(seconds + Self.allowedSkew))).timestamp
            return .failure(.invalidSignature("Signature not yet current: \(dateText) is still later than \(latest) (\(AmzDate(now).timestamp) + 5 min.)"))
        }
        guard let caller = callers.callers[parsed.accessKeyID],
            caller.credentials.sessionToken == Self.header("x-amz-security-token", in: request.headers)
        else { return .failure(.unrecognizedClient) }

        let signedNames = parsed.signedHeaders.split(separator: ";").map { String($0) }
        guard signedNames.contains("host") else {
            return .failure(.invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."))
        }
        let headers = request.headers.filter { header in signedNames.contains(header.name.lowercased()) }
        let signer = SigV4Signer(service: "execute-api", region: region)
        do {
            let canonical = signer.canonicalRequest(SigningRequest(
                method: request.method, path: request.path, query: request.query, headers: headers,
                payloadHash: try PayloadHash.sha256(of: request.body)))
            let stringToSign = try signer.stringToSign(canonicalRequest: canonical, date: date)
            let key = try signer.signingKey(secretAccessKey: caller.credentials.secretAccessKey, date: date)
            let expected = try signer.signature(stringToSign: stringToSign, signingKey: key)
            guard Self.constantTimeEqual(expected, parsed.signature) else {
                return .failure(.signatureDoesNotMatch(canonicalRequest: canonical, stringToSign: stringToSign))
            }
        } catch {
            return .failure(.internalError)
        }
        return .success(caller)
    }

    /// The first value of header `name` (lowercase), if any.
    static func header(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }

    private static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let (a, b) = (Array(left.utf8), Array(right.utf8))
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// `AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex`.
struct AuthorizationHeader {
    let accessKeyID: String
    /// DATE, REGION, SERVICE, `aws4_request`.
    let scope: [String]
    let signedHeaders: String
    let signature: String

    init?(_ value: String) {
        guard value.hasPrefix(SigV4Signer.algorithm + " ") else { return nil }
        var fields: [String: String] = [:]
        for part in value.dropFirst(SigV4Signer.algorithm.count + 1).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            fields[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        guard let credential = fields["Credential"], let signedHeaders = fields["SignedHeaders"], let signature = fields["Signature"]
        else { return nil }
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let key = parts.first, !key.isEmpty else { return nil }
        accessKeyID = key
        scope = Array(parts.dropFirst())
        self.signedHeaders = signedHeaders
        self.signature = signature
    }
}
