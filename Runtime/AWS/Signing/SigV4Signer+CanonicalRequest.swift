/// Step 1: the canonical request, the exact text whose hash is signed.
extension SigV4Signer {
    /// Builds the canonical request:
    ///
    ///     METHOD\nCanonicalURI\nCanonicalQueryString\nCanonicalHeaders\nSignedHeaders\nPayloadHash
    ///
    /// Every header in `request.headers` is signed; the caller decides which headers to include.
    public func canonicalRequest(_ request: SigningRequest) -> String {
        let headers = CanonicalHeaders(request.headers)
        return [
            request.method,
            canonicalURI(request.path),
            URIEncoding.canonicalQueryString(request.query),
            headers.canonical,
            headers.signed,
            request.payloadHash.value,
        ].joined(separator: "\n")
    }

    /// The canonical URI for a decoded path.
    ///
    /// S3 (`normalizesPath == false`): each segment encoded once, `//`, `.` and `..` kept.
    /// Other services: normalised, then each segment encoded twice, because AWS canonicalises the
    /// already-encoded wire path by encoding it again (a space is `%20` on the wire, `%2520` here).
    public func canonicalURI(_ path: String) -> String {
        guard normalizesPath else { return URIEncoding.encodePath(path) }
        return PathNormalization.normalize(path)
            .split(separator: "/", omittingEmptySubsequences: false)
            .map { URIEncoding.encode(URIEncoding.encode($0)) }
            .joined(separator: "/")
    }
}
