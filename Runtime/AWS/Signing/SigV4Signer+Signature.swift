/// Steps 2 to 4: string to sign, signing key, signature and `Authorization` header.
extension SigV4Signer {
    /// `YYYYMMDD/region/service/aws4_request`: binds a signature to one day, region and service, so a
    /// leaked signature or derived key is useless elsewhere.
    public func credentialScope(date: AmzDate) -> String {
        "\(date.dateStamp)/\(region)/\(service)/aws4_request"
    }

    /// Step 2: `AWS4-HMAC-SHA256\n<timestamp>\n<scope>\n<hex SHA-256 of the canonical request>`.
    public func stringToSign(canonicalRequest: String, date: AmzDate) throws -> String {
        let hash = Hex.encode(try Crypto.sha256(canonicalRequest.utf8))
        let scope = credentialScope(date: date)
        var text = Self.algorithm
        text.reserveCapacity(Self.algorithm.utf8.count + date.timestamp.utf8.count + scope.utf8.count + hash.utf8.count + 3)
        text += "\n"
        text += date.timestamp
        text += "\n"
        text += scope
        text += "\n"
        text += hash
        return text
    }

    /// Step 3a: derives the signing key by chaining HMACs over date, region, service and the
    /// terminator. The secret itself never signs anything, and the key is valid for one day, so
    /// `sign` and `presignedQuery` take it from a per-day cache (`SigningKeyCache`).
    public func signingKey(secretAccessKey: String, date: AmzDate) throws -> [UInt8] {
        let dateKey = try Crypto.hmacSHA256(key: Array("AWS4\(secretAccessKey)".utf8), message: date.dateStamp.utf8)
        let regionKey = try Crypto.hmacSHA256(key: dateKey, message: region.utf8)
        let serviceKey = try Crypto.hmacSHA256(key: regionKey, message: service.utf8)
        return try Crypto.hmacSHA256(key: serviceKey, message: "aws4_request".utf8)
    }

    /// Step 3b: the lowercase hex HMAC-SHA256 of the string to sign under the signing key.
    public func signature(stringToSign: String, signingKey: [UInt8]) throws -> String {
        Hex.encode(try Crypto.hmacSHA256(key: signingKey, message: stringToSign.utf8))
    }

    /// Step 4: the `Authorization` header value, in the exact layout of AWS's test suite
    /// (`Credential=…, SignedHeaders=…, Signature=…`).
    public func authorizationHeader(
        accessKeyID: String, date: AmzDate, signedHeaders: String, signature: String
    ) -> String {
        "\(Self.algorithm) Credential=\(accessKeyID)/\(credentialScope(date: date)), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }
}
